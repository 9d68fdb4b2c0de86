package io.socstream.streams.reliability;

import io.socstream.streams.tools.TopicReader;
import io.socstream.streams.tools.WireFormatAvroReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the estimate topic from the beginning, read_committed (so only what the engine committed),
 * on its own thread for as long as a scenario runs, and stamps every estimate with when it arrived,
 * which gives the recovery times. Survives a broker outage: the consumer just retries.
 */
final class OutputCollector implements AutoCloseable {

  /** One estimate as received. */
  record Estimate(String battery, long timestampMs, double soc, long arrivedNanos) {
    String key() {
      return battery + "@" + timestampMs;
    }
  }

  private final List<Estimate> received = new ArrayList<>();
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final WireFormatAvroReader values;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile Throwable failure;

  OutputCollector(String bootstrap, String registry, String topic) {
    this.values = WireFormatAvroReader.forUrl(registry);
    this.consumer =
        new KafkaConsumer<>(
            TopicReader.consumerConfig(bootstrap),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = TopicReader.assignAll(consumer, topic);
    consumer.seekToBeginning(partitions);
    this.thread = new Thread(this::poll, "output-collector-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  private void poll() {
    try {
      while (!stopping) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          GenericRecord v = values.read(r.value());
          Estimate e =
              new Estimate(
                  v.get("battery_id").toString(),
                  (Long) v.get("timestamp"),
                  (Double) v.get("soc"),
                  System.nanoTime());
          synchronized (received) {
            received.add(e);
          }
        }
      }
    } catch (WakeupException stop) {
      // closing
    } catch (Throwable t) {
      failure = t;
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /** Everything received so far. */
  List<Estimate> received() {
    if (failure != null) {
      throw new IllegalStateException("the output consumer failed", failure);
    }
    synchronized (received) {
      return new ArrayList<>(received);
    }
  }

  int count() {
    synchronized (received) {
      return received.size();
    }
  }

  /** When the first estimate after {@code sinceNanos} arrived, or -1 when none has. */
  long firstArrivalAfter(long sinceNanos) {
    synchronized (received) {
      for (int i = received.size() - 1; i >= 0; i--) {
        if (received.get(i).arrivedNanos() <= sinceNanos) {
          return i + 1 < received.size() ? received.get(i + 1).arrivedNanos() : -1;
        }
      }
      return received.isEmpty() ? -1 : received.get(0).arrivedNanos();
    }
  }

  /** Estimates that arrived in {@code (fromNanos, toNanos]}. */
  int arrivedBetween(long fromNanos, long toNanos) {
    synchronized (received) {
      return (int)
          received.stream()
              .filter(e -> e.arrivedNanos() > fromNanos && e.arrivedNanos() <= toNanos)
              .count();
    }
  }

  @Override
  public void close() {
    stopping = true;
    consumer.wakeup();
    try {
      thread.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
