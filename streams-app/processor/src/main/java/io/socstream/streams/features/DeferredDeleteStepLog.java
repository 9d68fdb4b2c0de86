package io.socstream.streams.features;

import io.socstream.core.features.StepLog;
import io.socstream.core.features.StepRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link StepLog} that writes and reads through but holds back deletions until {@link
 * #applyDeletes()}, so that {@link FeatureProcessor} can let the inference node use the steps a
 * sample evicts before they are gone.
 */
final class DeferredDeleteStepLog implements StepLog {

  private final StepLog target;
  private final List<Long> deletes = new ArrayList<>();
  private long maxDeleted = -1;

  DeferredDeleteStepLog(StepLog target) {
    this.target = target;
  }

  @Override
  public void put(long seq, StepRecord record) {
    target.put(seq, record);
  }

  @Override
  public StepRecord get(long seq) {
    return target.get(seq);
  }

  @Override
  public void delete(long seq) {
    deletes.add(seq);
    maxDeleted = Math.max(maxDeleted, seq);
  }

  /** Whether the last sample deleted any step. */
  boolean hasDeletes() {
    return !deletes.isEmpty();
  }

  /** The highest sequence number deleted, -1 when none. */
  long maxDeleted() {
    return maxDeleted;
  }

  /** Deletes what was held back. */
  void applyDeletes() {
    for (long seq : deletes) {
      target.delete(seq);
    }
    deletes.clear();
    maxDeleted = -1;
  }
}
