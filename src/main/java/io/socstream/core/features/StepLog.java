package io.socstream.core.features;

/**
 * Where a {@link StepLogFeatureState} keeps its per-step records, keyed by sequence number.
 *
 * <p>The state appends one record per accepted sample (strictly increasing sequence numbers), reads
 * the last T records to build a window plus the oldest record of each horizon to evict it, and
 * deletes records oldest first once neither the window nor any horizon needs them. So every record
 * is written once and deleted once, whatever T or the horizons are.
 *
 * <p>The streams app implements this on a key-value store keyed by (battery id, sequence); {@link
 * InMemoryStepLog} serves training, tests and snapshots.
 */
public interface StepLog {

  /** Stores the record of sequence number {@code seq}. */
  void put(long seq, StepRecord record);

  /**
   * The record of {@code seq}.
   *
   * @throws IllegalStateException when it is absent: the header and the log disagree
   */
  StepRecord get(long seq);

  /** Removes the record of {@code seq}; absent records are ignored. */
  void delete(long seq);
}
