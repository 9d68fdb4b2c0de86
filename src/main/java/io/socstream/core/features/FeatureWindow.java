package io.socstream.core.features;

import java.util.Arrays;

/**
 * The model input for one instant: the last T steps of one battery's segment, raw (not normalised).
 *
 * @param startTimestampMs timestamp of the oldest step in the window
 * @param endTimestampMs timestamp of the newest step, the instant the estimate is for
 * @param segmentSamples accepted samples in the segment so far, the newest included (at least T)
 * @param warmingUp {@code endTimestampMs - segment start < longest horizon}: the longest rolling
 *     mean does not yet cover its full horizon
 * @param features {@code [T][F]} values in {@link FeatureSpec#featureNames()} order
 */
public record FeatureWindow(
    long startTimestampMs,
    long endTimestampMs,
    long segmentSamples,
    boolean warmingUp,
    float[][] features) {

  /** Steps in the window (T). */
  public int length() {
    return features.length;
  }

  /** Copies the features row-major ({@code [step][feature]}) into {@code dst} at {@code offset}. */
  public void copyInto(float[] dst, int offset) {
    int at = offset;
    for (float[] row : features) {
      System.arraycopy(row, 0, dst, at, row.length);
      at += row.length;
    }
  }

  /** Equality by value, features compared bitwise via {@link Arrays#deepEquals}. */
  @Override
  public boolean equals(Object other) {
    return other instanceof FeatureWindow w
        && startTimestampMs == w.startTimestampMs
        && endTimestampMs == w.endTimestampMs
        && segmentSamples == w.segmentSamples
        && warmingUp == w.warmingUp
        && Arrays.deepEquals(features, w.features);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(endTimestampMs) * 31 + Arrays.deepHashCode(features);
  }

  @Override
  public String toString() {
    return "FeatureWindow[start="
        + startTimestampMs
        + ", end="
        + endTimestampMs
        + ", segmentSamples="
        + segmentSamples
        + ", warmingUp="
        + warmingUp
        + ", features="
        + Arrays.deepToString(features)
        + "]";
  }
}
