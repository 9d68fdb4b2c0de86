package io.socstream.core.features;

/**
 * Many windows in one flat array, for training without one object per window.
 *
 * @param windowLength steps per window (T)
 * @param featureCount features per step (F)
 * @param count number of windows
 * @param features {@code count * T * F} raw values, row-major {@code [window][step][feature]}
 * @param targets the label at each window's newest sample, {@code count} values
 * @param sampleIndex index of each window's newest sample in the input, {@code count} values
 */
public record WindowBlock(
    int windowLength,
    int featureCount,
    int count,
    float[] features,
    float[] targets,
    int[] sampleIndex) {

  /** Floats per window ({@code T * F}). */
  public int windowSize() {
    return windowLength * featureCount;
  }

  /** Offset of window {@code w} in {@link #features()}. */
  public int offsetOf(int w) {
    return w * windowSize();
  }
}
