package io.socstream.streams.inference;

/**
 * A ready window waiting in the pending store for the model: a reference to the battery's steps
 * {@code endSeq - T + 1 .. endSeq} in the {@code feature-steps} store, not the features themselves,
 * so its encoding has the same size whatever the window length T.
 *
 * @param batteryId the battery
 * @param endSeq sequence number of the window's newest step
 * @param startTimestampMs measurement time of the oldest step
 * @param endTimestampMs measurement time of the newest step (the estimate's time)
 * @param segmentSamples samples in the segment so far
 * @param warmingUp whether the longest rolling mean does not cover its horizon yet
 */
public record PendingWindow(
    String batteryId,
    long endSeq,
    long startTimestampMs,
    long endTimestampMs,
    long segmentSamples,
    boolean warmingUp) {

  /** Sequence number of the window's oldest step, for a window of {@code windowLength} steps. */
  public long firstSeq(int windowLength) {
    return endSeq - windowLength + 1;
  }
}
