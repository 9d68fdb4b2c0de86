package io.socstream.streams.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Records a topic of Confluent wire-format Avro values (Telemetry, SocEstimate, DeadLetter, ...)
 * into a {@link TopicRecording}: every partition, no consumer group, committed records only. Each
 * value is decoded with its writer schema from the registry. Stops after {@code untilIdle} without
 * a new record, or on {@link #stop()} (e.g. from a Ctrl-C hook); the file is complete either way.
 * Tombstones (null values) are not recorded.
 */
public final class TopicRecorder {

  private final TopicFollower<String> follower;
  private final WireFormatAvroReader values;

  public TopicRecorder(String bootstrapServers, String registryUrl) {
    this.values = WireFormatAvroReader.forUrl(registryUrl);
    this.follower = new TopicFollower<>(bootstrapServers, new StringDeserializer());
  }

  /**
   * Records until idle or stopped; closes the consumer.
   *
   * @param fromBeginning start at the oldest record (else only records that arrive from now on)
   * @param untilIdle stop after this long without a record; null = until {@link #stop()}
   * @return the number of records written
   * @throws IllegalStateException naming the record when a value cannot be decoded
   */
  public long record(
      String topic, Path out, boolean fromBeginning, Duration untilIdle, ProgressBar progress)
      throws IOException {
    try (follower;
        TopicRecording.Writer writer = TopicRecording.create(out)) {
      follower.start(topic, fromBeginning);
      ConsumerRecords<String, byte[]> batch;
      while ((batch = follower.next(untilIdle)) != null) {
        for (ConsumerRecord<String, byte[]> r : batch) {
          if (r.value() != null) {
            writer.append(
                new TopicRecording.Entry(
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    r.key(),
                    r.timestamp(),
                    decode(r, writer.valueSchema())));
          }
        }
        progress.step(batch.count());
      }
      progress.done();
      return writer.count();
    }
  }

  /** The value as the file holds it: its own schema first, resolved to the file's after that. */
  private GenericRecord decode(ConsumerRecord<String, byte[]> r, Schema fileValues) {
    try {
      return fileValues == null ? values.read(r.value()) : values.read(r.value(), fileValues);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot record " + TopicFollower.where(r) + ": " + e.getMessage(), e);
    }
  }

  /** Ends {@link #record} soon (thread-safe). */
  public void stop() {
    follower.stop();
  }
}
