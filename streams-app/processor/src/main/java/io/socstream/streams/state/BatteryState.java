package io.socstream.streams.state;

import io.socstream.core.estimate.BatteryEstimator;
import io.socstream.core.features.Sample;

/**
 * Everything the engine keeps about one battery, the value of the one state store (battery id →
 * {@link BatteryStateCodec} bytes): the estimator, the sample held back because it jumped ahead of
 * the battery's clock, whether the window of the newest accepted sample waits for the model (and
 * its place in the arrival order), and the newest estimate, for the ops endpoint.
 *
 * <p>A battery has at most one pending window, the window of its newest accepted sample, rebuilt
 * from the estimator at flush time: the engine flushes before the battery's next accepted sample.
 */
public final class BatteryState {

  /** {@link #pendingSeq()} of a battery without a pending window. */
  public static final long NOT_PENDING = -1;

  private final BatteryEstimator estimator;
  private Sample held;
  private long pendingSeq = NOT_PENDING;
  private byte[] latestEstimate;

  BatteryState(BatteryEstimator estimator, Sample held, long pendingSeq, byte[] latestEstimate) {
    this.estimator = estimator;
    this.held = held;
    this.pendingSeq = pendingSeq;
    this.latestEstimate = latestEstimate;
  }

  /** A battery not seen before. */
  public static BatteryState fresh(BatteryEstimator estimator) {
    return new BatteryState(estimator, null, NOT_PENDING, null);
  }

  public BatteryEstimator estimator() {
    return estimator;
  }

  /** The held jump-ahead sample, or null. */
  public Sample held() {
    return held;
  }

  public void hold(Sample sample) {
    held = sample;
  }

  public void releaseHeld() {
    held = null;
  }

  public boolean isPending() {
    return pendingSeq != NOT_PENDING;
  }

  /** Arrival sequence of the pending window within its task, {@link #NOT_PENDING} when none. */
  public long pendingSeq() {
    return pendingSeq;
  }

  public void markPending(long seq) {
    if (seq < 0) {
      throw new IllegalArgumentException("pending sequence must be >= 0, was " + seq);
    }
    pendingSeq = seq;
  }

  public void clearPending() {
    pendingSeq = NOT_PENDING;
  }

  /** The newest estimate ({@link LatestEstimateCodec} bytes), or null before the first. */
  public byte[] latestEstimate() {
    return latestEstimate;
  }

  public void setLatestEstimate(byte[] encoded) {
    latestEstimate = encoded;
  }
}
