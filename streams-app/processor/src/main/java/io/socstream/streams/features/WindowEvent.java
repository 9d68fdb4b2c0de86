package io.socstream.streams.features;

/**
 * What {@link FeatureProcessor} forwards to the inference node, keyed by battery id: a reference to
 * a ready window, or a notice that steps of the battery are about to be deleted.
 *
 * <p>Neither carries the window's T×F features: the inference node rebuilds a window from the
 * {@code feature-steps} store when it runs the model, so what it stores per window is small and of
 * fixed size whatever T is. The two nodes share that store and are always in the same sub-topology
 * (no repartition between them), so a forward is a synchronous call within the same task.
 */
public sealed interface WindowEvent permits WindowEvent.Ready, WindowEvent.Evicting {

  /**
   * A window is ready: the battery's steps {@code endSeq - T + 1 .. endSeq}.
   *
   * @param endSeq sequence number of the newest step
   * @param startTimestampMs measurement time of the oldest step
   * @param endTimestampMs measurement time of the newest step (the estimate's time)
   * @param segmentSamples samples in the segment so far
   * @param warmingUp whether the longest rolling mean does not cover its horizon yet
   */
  record Ready(
      long endSeq,
      long startTimestampMs,
      long endTimestampMs,
      long segmentSamples,
      boolean warmingUp)
      implements WindowEvent {

    /** Sequence number of the oldest step of a window of {@code windowLength} steps. */
    public long firstSeq(int windowLength) {
      return endSeq - windowLength + 1;
    }
  }

  /**
   * The battery's steps up to and including {@code throughSeq} are about to be deleted from the
   * {@code feature-steps} store; sent before the deletion, so a window that needs one of them can
   * still be estimated.
   */
  record Evicting(long throughSeq) implements WindowEvent {}
}
