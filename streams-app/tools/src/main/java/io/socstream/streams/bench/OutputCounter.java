package io.socstream.streams.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A read_committed consumer of a whole topic on its own thread: counts records, remembers when the
 * latest arrived and hands each one (with its receive time) to an optional callback.
 */
final class OutputCounter implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong count = new AtomicLong();
  private volatile long lastReceivedNanos;
  private volatile long lastReceivedMs;
  private volatile RuntimeException failure;

  OutputCounter(
      String bootstrap, String topic, BiConsumer<ConsumerRecord<byte[], byte[]>, Long> onRecord) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                5),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = partitionsOf(topic);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread =
        new Thread(
            () -> {
              try {
                while (running.get()) {
                  var records = consumer.poll(Duration.ofMillis(20));
                  if (records.isEmpty()) {
                    continue;
                  }
                  long nowMs = System.currentTimeMillis();
                  long nowNanos = System.nanoTime();
                  if (onRecord != null) {
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                      onRecord.accept(r, nowMs);
                    }
                  }
                  lastReceivedNanos = nowNanos;
                  lastReceivedMs = nowMs;
                  count.addAndGet(records.count());
                }
              } catch (org.apache.kafka.common.errors.WakeupException e) {
                // closing
              } catch (RuntimeException e) {
                failure = e;
              } finally {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
              }
            },
            "bench-consumer-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * The topic's partitions; waits while a just-created topic's metadata has not reached the
   * consumer yet (an empty answer on a slow broker, which would leave nothing to poll).
   */
  private List<TopicPartition> partitionsOf(String topic) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<TopicPartition> partitions = new ArrayList<>();
    while (partitions.isEmpty()) {
      for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
      if (partitions.isEmpty()) {
        if (System.nanoTime() > deadline) {
          consumer.close();
          throw new IllegalStateException("no partitions of " + topic + " after 30 s");
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          consumer.close();
          throw new IllegalStateException("interrupted waiting for " + topic, e);
        }
      }
    }
    return partitions;
  }

  long count() {
    if (failure != null) {
      throw new IllegalStateException("output consumer failed: " + failure, failure);
    }
    return count.get();
  }

  /** {@link System#nanoTime()} when the newest records arrived. */
  long lastReceivedNanos() {
    return lastReceivedNanos;
  }

  long lastReceivedMs() {
    return lastReceivedMs;
  }

  @Override
  public void close() {
    if (!running.getAndSet(false)) {
      return;
    }
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
