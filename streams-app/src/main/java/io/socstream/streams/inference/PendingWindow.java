package io.socstream.streams.inference;

/**
 * A ready window waiting in the pending store for the model.
 *
 * @param batteryId the battery
 * @param startTimestampMs measurement time of the oldest step
 * @param endTimestampMs measurement time of the newest step (the estimate's time)
 * @param segmentSamples samples in the segment so far
 * @param warmingUp whether the longest rolling mean does not cover its horizon yet
 * @param input the normalised window, row-major {@code [T][F]}
 */
public record PendingWindow(
    String batteryId,
    long startTimestampMs,
    long endTimestampMs,
    long segmentSamples,
    boolean warmingUp,
    float[] input) {}
