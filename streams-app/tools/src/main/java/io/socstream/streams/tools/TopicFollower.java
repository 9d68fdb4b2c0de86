package io.socstream.streams.tools;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Follows every partition of one topic with a group-less consumer ({@link TopicReader}), batch by
 * batch, until it has been idle for a given time or is {@link #stop() stopped}: what {@code tail}
 * and {@code record} read. Values stay raw bytes (wire-format Avro, decoded by the caller).
 */
final class TopicFollower<K> implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<K, byte[]> consumer;
  private volatile boolean stopping;
  private long lastRecordNanos;
  private boolean lastBatchHadRecords;

  TopicFollower(String bootstrapServers, Deserializer<K> keys) {
    this.consumer =
        new KafkaConsumer<>(
            TopicReader.consumerConfig(bootstrapServers), keys, new ByteArrayDeserializer());
  }

  /**
   * Assigns every partition of {@code topic} and starts the idle clock.
   *
   * @param fromBeginning start at the oldest record (else only records that arrive from now on)
   */
  void start(String topic, boolean fromBeginning) {
    List<TopicPartition> partitions = TopicReader.assignAll(consumer, topic);
    if (fromBeginning) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // fix "now" before the first poll
    }
    lastRecordNanos = System.nanoTime();
  }

  /**
   * The next non-empty batch, or null once stopped or once {@code idle} (null = no limit) has
   * passed without a record. The idle clock restarts when the caller asks for the batch after a
   * non-empty one, so the time the caller spent on that batch does not count as idle.
   */
  ConsumerRecords<K, byte[]> next(Duration idle) {
    if (lastBatchHadRecords) {
      lastRecordNanos = System.nanoTime();
      lastBatchHadRecords = false;
    }
    while (!stopping) {
      ConsumerRecords<K, byte[]> batch;
      try {
        batch = consumer.poll(POLL);
      } catch (WakeupException e) {
        return null;
      }
      if (!batch.isEmpty()) {
        lastBatchHadRecords = true;
        return batch;
      }
      if (idle != null && System.nanoTime() - lastRecordNanos >= idle.toNanos()) {
        return null;
      }
    }
    return null;
  }

  /** Ends {@link #next} soon (thread-safe). */
  void stop() {
    stopping = true;
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close();
  }

  /** Where a record was read, for messages: {@code topic-partition@offset}. */
  static String where(ConsumerRecord<?, ?> r) {
    return r.topic() + "-" + r.partition() + "@" + r.offset();
  }
}
