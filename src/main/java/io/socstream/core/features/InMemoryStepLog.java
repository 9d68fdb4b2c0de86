package io.socstream.core.features;

/**
 * A {@link StepLog} in a growable ring buffer, for the access pattern of {@link
 * StepLogFeatureState}: appends at the newest end, deletes at the oldest end.
 */
public final class InMemoryStepLog implements StepLog {

  private StepRecord[] ring = new StepRecord[64];
  private long firstSeq;
  private int size;

  @Override
  public void put(long seq, StepRecord record) {
    if (size == 0) {
      firstSeq = seq;
    } else if (seq != firstSeq + size) {
      throw new IllegalStateException(
          "in-memory step log only appends: expected seq " + (firstSeq + size) + ", got " + seq);
    }
    if (size == ring.length) {
      grow();
    }
    ring[slot(seq)] = record;
    size++;
  }

  @Override
  public StepRecord get(long seq) {
    if (!contains(seq)) {
      throw new IllegalStateException(
          "no step " + seq + " (holding " + firstSeq + ".." + (firstSeq + size - 1) + ")");
    }
    return ring[slot(seq)];
  }

  @Override
  public void delete(long seq) {
    if (!contains(seq)) {
      return;
    }
    if (seq != firstSeq) {
      throw new IllegalStateException(
          "in-memory step log only deletes its oldest step " + firstSeq + ", got " + seq);
    }
    ring[slot(seq)] = null;
    firstSeq++;
    size--;
  }

  /** Whether a record for {@code seq} is held. */
  public boolean contains(long seq) {
    return size > 0 && seq >= firstSeq && seq < firstSeq + size;
  }

  /** Number of records held. */
  public int size() {
    return size;
  }

  private int slot(long seq) {
    return (int) Math.floorMod(seq, (long) ring.length);
  }

  private void grow() {
    StepRecord[] bigger = new StepRecord[ring.length * 2];
    for (int k = 0; k < size; k++) {
      long seq = firstSeq + k;
      bigger[(int) Math.floorMod(seq, (long) bigger.length)] = ring[slot(seq)];
    }
    ring = bigger;
  }
}
