package io.socstream.streams.ops;

/**
 * The share of dead letters among the most recent records taken in (a sliding window of {@code
 * size} records), for the readiness check. Dead letters are counted when they happen, which may be
 * a little after their record came in (LATE is decided after the repartition topic), so the ratio
 * is clamped to 1. Thread-safe; one short lock per record.
 */
public final class DeadLetterWindow {

  private final int size;
  // deadLettersBefore[i % size]: dead letters counted when record i (0-based) came in.
  private final long[] deadLettersBefore;
  private long recordsIn;
  private long deadLetters;

  public DeadLetterWindow(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be positive: " + size);
    }
    this.size = size;
    this.deadLettersBefore = new long[size];
  }

  /** One record taken in. */
  public synchronized void recordIn() {
    deadLettersBefore[(int) (recordsIn % size)] = deadLetters;
    recordsIn++;
  }

  /** One dead letter. */
  public synchronized void deadLetter() {
    deadLetters++;
  }

  /** Records the ratio is over: the window's size, or fewer at the start. */
  public synchronized long records() {
    return Math.min(recordsIn, size);
  }

  /** Dead letters per record over the last {@link #records()} records; 0 before any record. */
  public synchronized double ratio() {
    if (recordsIn == 0) {
      return 0;
    }
    long since = recordsIn <= size ? 0 : deadLettersBefore[(int) (recordsIn % size)];
    return Math.min(1.0, (double) (deadLetters - since) / Math.min(recordsIn, size));
  }
}
