package io.socstream.streams.tools;

import io.socstream.avro.Telemetry;
import io.socstream.core.serde.ConfluentWireFormat;
import io.socstream.core.serde.MockSchemaRegistry;
import io.socstream.core.serde.SpecificAvroDeserializer;
import io.socstream.core.serde.UnknownSchemaIdException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Records the Telemetry of a topic into a {@link TelemetryRecording}: every partition, no consumer
 * group, committed records only. Stops after {@code untilIdle} without a new record, or on {@link
 * #stop()} (e.g. from a Ctrl-C hook); the file is complete either way.
 */
public final class TopicRecorder {

  private final KafkaConsumer<String, Telemetry> consumer;
  private volatile boolean stopping;

  public TopicRecorder(String bootstrapServers, String registryUrl) {
    SpecificAvroDeserializer<Telemetry> values = new SpecificAvroDeserializer<>(Telemetry.class);
    values.configure(Map.of("schema.registry.url", registryUrl), false);
    Deserializer<Telemetry> tolerant =
        registryUrl.startsWith(MockSchemaRegistry.URL_PREFIX) ? new MockTolerant(values) : values;
    this.consumer =
        new KafkaConsumer<>(
            TopicReader.consumerConfig(bootstrapServers), new StringDeserializer(), tolerant);
  }

  /**
   * An in-memory ({@code mock://}) registry lives in one process: a topic written by another
   * process (e.g. {@code soc replay} with its default {@code mock://replay}) carries schema ids
   * this process has never seen. Those values are read with this build's Telemetry schema as the
   * writer schema, which is what a {@code soc replay} of the same build wrote.
   */
  private static final class MockTolerant implements Deserializer<Telemetry> {
    private final Deserializer<Telemetry> registry;
    private final SpecificDatumReader<Telemetry> local = new SpecificDatumReader<>(Telemetry.class);

    MockTolerant(Deserializer<Telemetry> registry) {
      this.registry = registry;
    }

    @Override
    public Telemetry deserialize(String topic, byte[] payload) {
      try {
        return registry.deserialize(topic, payload);
      } catch (UnknownSchemaIdException e) {
        try {
          return local.read(
              null,
              DecoderFactory.get()
                  .binaryDecoder(
                      payload,
                      ConfluentWireFormat.HEADER_SIZE,
                      ConfluentWireFormat.bodyLength(payload),
                      null));
        } catch (IOException | RuntimeException notTelemetry) {
          e.addSuppressed(notTelemetry);
          throw e;
        }
      }
    }
  }

  /**
   * Records until idle or stopped; closes the consumer.
   *
   * @param fromBeginning start at the oldest record (else only records that arrive from now on)
   * @param untilIdle stop after this long without a record; null = until {@link #stop()}
   * @return the number of records written
   */
  public long record(
      String topic, Path out, boolean fromBeginning, Duration untilIdle, ProgressBar progress)
      throws IOException {
    try (consumer;
        TelemetryRecording.Writer writer = TelemetryRecording.create(out)) {
      List<TopicPartition> partitions = TopicReader.assignAll(consumer, topic);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix "now" before the first poll
      }
      long lastRecordNanos = System.nanoTime();
      while (!stopping) {
        ConsumerRecords<String, Telemetry> batch;
        try {
          batch = consumer.poll(Duration.ofMillis(200));
        } catch (WakeupException e) {
          break;
        }
        for (ConsumerRecord<String, Telemetry> r : batch) {
          writer.append(
              new TelemetryRecording.Entry(
                  r.topic(), r.partition(), r.offset(), r.key(), r.timestamp(), r.value()));
        }
        if (!batch.isEmpty()) {
          progress.step(batch.count());
          lastRecordNanos = System.nanoTime();
        } else if (untilIdle != null
            && System.nanoTime() - lastRecordNanos >= untilIdle.toNanos()) {
          break;
        }
      }
      progress.done();
      return writer.count();
    }
  }

  /** Ends {@link #record} soon (thread-safe). */
  public void stop() {
    stopping = true;
    consumer.wakeup();
  }
}
