package io.socstream.streams.tools;

import io.socstream.avro.Telemetry;
import io.socstream.core.serde.SpecificAvroSerializer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces a replay schedule to a topic: key = battery id, value = Avro Telemetry (Confluent wire
 * format), record timestamp = the original measurement/record timestamp, sent when the {@link
 * Pacer} says. The producer is idempotent ({@code acks=all}), so a retried send never duplicates a
 * record.
 */
public final class TelemetryReplayer {

  /** How long a replay keeps retrying a record through a broker outage before it gives up. */
  public static final java.time.Duration OUTAGE_TOLERANCE = java.time.Duration.ofSeconds(330);

  private TelemetryReplayer() {}

  /** Idempotent producer settings for {@code bootstrapServers}. */
  public static Map<String, Object> producerConfig(String bootstrapServers, boolean fast) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "soc-replay");
    p.put(ProducerConfig.LINGER_MS_CONFIG, fast ? 20 : 0);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, fast ? 256 * 1024 : 16 * 1024);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, fast ? "lz4" : "none");
    // Ride out a broker outage of up to 5 minutes: the producer keeps retrying every record (the
    // idempotent producer neither loses nor duplicates one), and a send blocks rather than fails
    // while metadata or buffer space is missing.
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) OUTAGE_TOLERANCE.toMillis());
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, OUTAGE_TOLERANCE.toMillis());
    p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
    return p;
  }

  /** A producer of Telemetry values registered in {@code registryUrl}. */
  public static Producer<String, Telemetry> telemetryProducer(
      String bootstrapServers, String registryUrl, boolean fast) {
    SpecificAvroSerializer<Telemetry> values = new SpecificAvroSerializer<>();
    values.configure(Map.of("schema.registry.url", registryUrl), false);
    return new KafkaProducer<>(
        producerConfig(bootstrapServers, fast), new StringSerializer(), values);
  }

  /** {@link #replay(Producer, String, List, Pacer, ProgressBar, AckedPrefix)}, no prefix kept. */
  public static long replay(
      Producer<String, Telemetry> producer,
      String topic,
      List<ReplayRecord> records,
      Pacer pacer,
      ProgressBar progress)
      throws InterruptedException {
    return replay(producer, topic, records, pacer, progress, new AckedPrefix());
  }

  /**
   * Sends every record, paced from the first one's offset (so a resumed replay does not wait for
   * the records it skipped); waits until all are acknowledged.
   *
   * @param acked counts the records acknowledged without a gap, from the first of {@code records}
   * @return the number of records sent
   * @throws ReplayException when a send failed (the first failure)
   */
  public static long replay(
      Producer<String, Telemetry> producer,
      String topic,
      List<ReplayRecord> records,
      Pacer pacer,
      ProgressBar progress,
      AckedPrefix acked)
      throws InterruptedException {
    Acks acks = new Acks(progress);
    long base = records.isEmpty() ? 0 : records.get(0).offsetMs();
    for (int i = 0; i < records.size(); i++) {
      ReplayRecord r = records.get(i);
      acks.throwIfFailed();
      pacer.awaitOffset(r.offsetMs() - base);
      int index = i;
      // The callback reports each send's outcome (acks.throwIfFailed); the future adds nothing.
      Future<RecordMetadata> unused =
          producer.send(
              new ProducerRecord<>(topic, null, r.timestampMs(), r.key(), r.value()),
              (metadata, e) -> {
                if (e == null) {
                  acked.ack(index);
                }
                acks.onCompletion(metadata, e);
              });
    }
    producer.flush();
    acks.throwIfFailed();
    return acks.sent.get();
  }

  /**
   * Copies what {@code from} holds now (committed records, every partition) into {@code to}, as raw
   * bytes (key, value, headers and timestamp unchanged), paced by the record timestamps.
   */
  public static long copyTopic(
      String bootstrapServers, String from, String to, Pacer pacer, ProgressBar.Factory progress)
      throws InterruptedException {
    List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(bootstrapServers, from);
    List<Scheduled> schedule = new ArrayList<>(records.size());
    long first = records.stream().mapToLong(ConsumerRecord::timestamp).min().orElse(0);
    Map<String, Long> newest = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      String key =
          r.key() == null ? "" : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
      long sendAt = newest.merge(key, r.timestamp(), Math::max);
      schedule.add(new Scheduled(r, sendAt - first));
    }
    schedule.sort(Comparator.comparingLong(Scheduled::offsetMs));
    ProgressBar bar = progress.create("copy " + from + " -> " + to, schedule.size());
    try (Producer<byte[], byte[]> producer =
        new KafkaProducer<>(
            producerConfig(bootstrapServers, !pacer.paced()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      Acks acks = new Acks(bar);
      for (Scheduled s : schedule) {
        acks.throwIfFailed();
        pacer.awaitOffset(s.offsetMs());
        ConsumerRecord<byte[], byte[]> r = s.record();
        Future<RecordMetadata> unused = // the outcome comes through acks
            producer.send(
                new ProducerRecord<>(to, null, r.timestamp(), r.key(), r.value(), r.headers()),
                acks);
      }
      producer.flush();
      acks.throwIfFailed();
      bar.done();
      return acks.sent.get();
    }
  }

  private record Scheduled(ConsumerRecord<byte[], byte[]> record, long offsetMs) {}

  /** A send failed; the replay stops. */
  public static final class ReplayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReplayException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final class Acks implements Callback {
    final AtomicLong sent = new AtomicLong();
    final AtomicReference<Exception> failure = new AtomicReference<>();
    final ProgressBar progress;

    Acks(ProgressBar progress) {
      this.progress = progress;
    }

    @Override
    public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata m, Exception e) {
      if (e != null) {
        failure.compareAndSet(null, e);
      } else {
        sent.incrementAndGet();
        progress.step(1);
      }
    }

    void throwIfFailed() {
      Exception e = failure.get();
      if (e != null) {
        throw new ReplayException("Sending failed: " + e.getMessage(), e);
      }
    }
  }
}
