package io.socstream.streams.ops;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' life at INFO, which its own loggers only give amid much else: each state change
 * ({@code REBALANCING -> RUNNING}), and each state store's restore from its changelog: one line
 * when it starts, one when all its partitions are done (records restored, partitions, seconds).
 * Stores with nothing to restore (a fresh start) are not mentioned. Further state listeners can be
 * added ({@link KafkaStreams} takes only one).
 */
public final class StreamsStateLog implements KafkaStreams.StateListener, StateRestoreListener {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsStateLog.class);

  private final List<KafkaStreams.StateListener> more = new CopyOnWriteArrayList<>();
  private final Map<String, Restore> restores = new HashMap<>();

  /** Also tells {@code listener} of every state change. */
  public void addStateListener(KafkaStreams.StateListener listener) {
    more.add(listener);
  }

  @Override
  public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
    LOG.info("Kafka Streams {} -> {}", oldState, newState);
    for (KafkaStreams.StateListener listener : more) {
      listener.onChange(newState, oldState);
    }
  }

  @Override
  public synchronized void onRestoreStart(
      TopicPartition partition, String store, long startingOffset, long endingOffset) {
    Restore r = restores.computeIfAbsent(store, s -> new Restore(System.nanoTime()));
    r.active.add(partition);
    r.partitions++;
    if (!r.announced && endingOffset > startingOffset) {
      // Only a restore with something to read is news; a fresh or up-to-date store is not.
      r.announced = true;
      LOG.info("Restoring state store {} from {}", store, partition.topic());
    }
  }

  @Override
  public synchronized void onBatchRestored(
      TopicPartition partition, String store, long batchEndOffset, long numRestored) {
    // Counted at the end of each partition; per-batch lines would be noise.
  }

  @Override
  public synchronized void onRestoreEnd(
      TopicPartition partition, String store, long totalRestored) {
    finished(partition, store, totalRestored);
  }

  @Override
  public synchronized void onRestoreSuspended(
      TopicPartition partition, String store, long totalRestored) {
    finished(partition, store, totalRestored);
  }

  private void finished(TopicPartition partition, String store, long restored) {
    Restore r = restores.get(store);
    if (r == null) {
      return;
    }
    r.active.remove(partition);
    r.restored += restored;
    if (r.active.isEmpty()) {
      restores.remove(store);
      if (!r.announced && r.restored == 0) {
        return;
      }
      LOG.info(
          "Restored state store {}: {} records from {} partition(s) in {} s",
          store,
          r.restored,
          r.partitions,
          String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - r.startNanos) / 1e9));
    }
  }

  private static final class Restore {
    final long startNanos;
    final Set<TopicPartition> active = new HashSet<>();
    int partitions;
    boolean announced;
    long restored;

    Restore(long startNanos) {
      this.startNanos = startNanos;
    }
  }
}
