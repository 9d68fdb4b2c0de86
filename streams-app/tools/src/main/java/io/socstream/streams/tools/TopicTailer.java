package io.socstream.streams.tools;

import java.io.PrintWriter;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Prints a topic of Confluent wire-format Avro values as JSON lines ({@link AvroJson}): every
 * partition, no consumer group, committed records only, each value decoded with its writer schema
 * from the registry, so Telemetry, SocEstimate and DeadLetter topics all read. A value that does
 * not decode is reported on the error stream (one line naming topic-partition@offset) and skipped;
 * a tombstone prints {@code null}.
 */
public final class TopicTailer {

  /** When to stop: after {@code maxRecords} (null = no limit) or {@code idle} without a record. */
  public record Limits(Long maxRecords, Duration idle) {}

  private final TopicFollower<byte[]> follower;
  private final WireFormatAvroReader values;

  public TopicTailer(String bootstrapServers, String registryUrl) {
    this.values = WireFormatAvroReader.forUrl(registryUrl);
    this.follower = new TopicFollower<>(bootstrapServers, new ByteArrayDeserializer());
  }

  /**
   * Prints until a limit is reached or {@link #stop()}; closes the consumer.
   *
   * @param fromBeginning start at the oldest record (else only records that arrive from now on)
   * @return the number of records printed
   */
  public long tail(
      String topic, boolean fromBeginning, Limits limits, PrintWriter out, PrintWriter err) {
    long printed = 0;
    try (follower) {
      follower.start(topic, fromBeginning);
      ConsumerRecords<byte[], byte[]> batch;
      while ((limits.maxRecords() == null || printed < limits.maxRecords())
          && (batch = follower.next(limits.idle())) != null) {
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          if (limits.maxRecords() != null && printed >= limits.maxRecords()) {
            break;
          }
          String line = line(r, err);
          if (line != null) {
            out.println(line);
            printed++;
          }
        }
        out.flush();
      }
    }
    return printed;
  }

  private String line(ConsumerRecord<byte[], byte[]> r, PrintWriter err) {
    if (r.value() == null) {
      return "null";
    }
    try {
      return AvroJson.line(values.read(r.value()));
    } catch (RuntimeException e) {
      err.println(
          "soc tail: skipped "
              + TopicFollower.where(r)
              + ": "
              + String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " "));
      err.flush();
      return null;
    }
  }

  /** Ends {@link #tail} soon (thread-safe). */
  public void stop() {
    follower.stop();
  }
}
