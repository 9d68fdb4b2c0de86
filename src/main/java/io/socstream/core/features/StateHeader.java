package io.socstream.core.features;

import java.util.Arrays;

/**
 * The small, fixed-size part of one battery's feature state: everything except the per-step
 * records. Its encoding ({@link FeatureStateCodec#encodeHeader}) has the same length for a given
 * number of horizons, whatever T, the horizon lengths or the number of samples seen.
 *
 * <p>Sequence numbers count accepted samples of the battery from 0 and never restart, not even at a
 * gap, so step-record keys of an old segment never collide with new ones. Mutated only by {@link
 * StepLogFeatureState}.
 */
public final class StateHeader {

  final int windowLength;
  final int[] horizonSeconds;

  long segmentStartMs;
  long lastTimestampMs = Long.MIN_VALUE;
  long segmentStartSeq;
  long oldestRetainedSeq;
  long nextSeq;

  long accepted;
  long duplicates;
  long outOfOrder;
  long gapRestarts;
  long invalid;

  /** Per horizon: sum of voltage counts over the steps {@code horizonStartSeq..nextSeq-1}. */
  final long[] sumVoltage;

  /** Per horizon: sum of current counts over the same steps. */
  final long[] sumCurrent;

  /** Per horizon: the oldest sequence number inside the horizon of the newest step. */
  final long[] horizonStartSeq;

  StateHeader(int windowLength, int[] horizonSeconds) {
    this.windowLength = windowLength;
    this.horizonSeconds = horizonSeconds.clone();
    int h = horizonSeconds.length;
    this.sumVoltage = new long[h];
    this.sumCurrent = new long[h];
    this.horizonStartSeq = new long[h];
  }

  /** The header of a battery that has not sent a sample yet. */
  public static StateHeader empty(FeatureSpec spec) {
    return new StateHeader(spec.windowLength(), horizonsOf(spec));
  }

  static int[] horizonsOf(FeatureSpec spec) {
    return spec.averagingHorizonsSeconds().stream().mapToInt(Integer::intValue).toArray();
  }

  /** Whether this header was built for {@code spec}'s window length and horizons. */
  public boolean matches(FeatureSpec spec) {
    return windowLength == spec.windowLength() && Arrays.equals(horizonSeconds, horizonsOf(spec));
  }

  /** Whether no sample has been accepted yet. */
  public boolean isEmpty() {
    return accepted == 0;
  }

  /** Number of horizons. */
  public int horizonCount() {
    return horizonSeconds.length;
  }

  /** Timestamp of the first sample of the current segment. */
  public long segmentStartMs() {
    return segmentStartMs;
  }

  /** Timestamp of the last accepted sample, {@link Long#MIN_VALUE} when none. */
  public long lastTimestampMs() {
    return lastTimestampMs;
  }

  /** Sequence number of the first sample of the current segment. */
  public long segmentStartSeq() {
    return segmentStartSeq;
  }

  /** Oldest sequence number whose step record is still kept. */
  public long oldestRetainedSeq() {
    return oldestRetainedSeq;
  }

  /** Sequence number of the newest step, -1 when none. */
  public long newestSeq() {
    return nextSeq - 1;
  }

  /** Accepted samples in the current segment. */
  public long segmentSamples() {
    return nextSeq - segmentStartSeq;
  }

  /** Samples accepted in total (all segments). */
  public long acceptedCount() {
    return accepted;
  }

  /** Samples dropped as duplicates. */
  public long duplicateCount() {
    return duplicates;
  }

  /** Samples dropped as out of order. */
  public long outOfOrderCount() {
    return outOfOrder;
  }

  /** Segments restarted after a gap. */
  public long gapRestartCount() {
    return gapRestarts;
  }

  /** Samples dropped as invalid. */
  public long invalidCount() {
    return invalid;
  }

  /** A deep copy. */
  public StateHeader copy() {
    StateHeader c = new StateHeader(windowLength, horizonSeconds);
    c.segmentStartMs = segmentStartMs;
    c.lastTimestampMs = lastTimestampMs;
    c.segmentStartSeq = segmentStartSeq;
    c.oldestRetainedSeq = oldestRetainedSeq;
    c.nextSeq = nextSeq;
    c.accepted = accepted;
    c.duplicates = duplicates;
    c.outOfOrder = outOfOrder;
    c.gapRestarts = gapRestarts;
    c.invalid = invalid;
    System.arraycopy(sumVoltage, 0, c.sumVoltage, 0, sumVoltage.length);
    System.arraycopy(sumCurrent, 0, c.sumCurrent, 0, sumCurrent.length);
    System.arraycopy(horizonStartSeq, 0, c.horizonStartSeq, 0, horizonStartSeq.length);
    return c;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StateHeader h
        && windowLength == h.windowLength
        && Arrays.equals(horizonSeconds, h.horizonSeconds)
        && segmentStartMs == h.segmentStartMs
        && lastTimestampMs == h.lastTimestampMs
        && segmentStartSeq == h.segmentStartSeq
        && oldestRetainedSeq == h.oldestRetainedSeq
        && nextSeq == h.nextSeq
        && accepted == h.accepted
        && duplicates == h.duplicates
        && outOfOrder == h.outOfOrder
        && gapRestarts == h.gapRestarts
        && invalid == h.invalid
        && Arrays.equals(sumVoltage, h.sumVoltage)
        && Arrays.equals(sumCurrent, h.sumCurrent)
        && Arrays.equals(horizonStartSeq, h.horizonStartSeq);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(nextSeq) * 31 + Long.hashCode(lastTimestampMs);
  }

  @Override
  public String toString() {
    return "StateHeader[segmentStartMs="
        + segmentStartMs
        + ", lastTimestampMs="
        + lastTimestampMs
        + ", seqs="
        + segmentStartSeq
        + "/"
        + oldestRetainedSeq
        + "/"
        + nextSeq
        + ", accepted="
        + accepted
        + ", duplicates="
        + duplicates
        + ", outOfOrder="
        + outOfOrder
        + ", gapRestarts="
        + gapRestarts
        + ", invalid="
        + invalid
        + ", horizonStartSeq="
        + Arrays.toString(horizonStartSeq)
        + "]";
  }
}
