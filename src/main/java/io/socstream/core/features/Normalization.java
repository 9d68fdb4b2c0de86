package io.socstream.core.features;

import java.util.Arrays;

/**
 * Per-feature standardisation {@code (x - mean) / std}, fitted on training windows and stored in
 * the model card so serving applies exactly the same transform.
 *
 * @param mean per-feature mean, F values
 * @param std per-feature standard deviation, F values, each positive
 */
public record Normalization(float[] mean, float[] std) {

  /** Smallest standard deviation used, so a constant feature does not divide by zero. */
  public static final float STD_FLOOR = 1e-6f;

  public Normalization {
    if (mean.length != std.length) {
      throw new IllegalArgumentException(
          "mean has " + mean.length + " values, std has " + std.length);
    }
    for (float s : std) {
      if (!(s > 0) || !Float.isFinite(s)) {
        throw new IllegalArgumentException(
            "std must be positive and finite: " + Arrays.toString(std));
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  /**
   * Fits mean and population standard deviation per feature over every step of every window
   * (overlapping windows count a step once per window that contains it); std is floored at {@link
   * #STD_FLOOR}.
   */
  public static Normalization fit(Iterable<FeatureWindow> windows, int featureCount) {
    Accumulator acc = new Accumulator(featureCount);
    for (FeatureWindow window : windows) {
      for (float[] row : window.features()) {
        acc.add(row, 0);
      }
    }
    return acc.result();
  }

  /** As {@link #fit(Iterable, int)}, over the windows of a block. */
  public static Normalization fit(WindowBlock block) {
    Accumulator acc = new Accumulator(block.featureCount());
    float[] values = block.features();
    int rows = block.count() * block.windowLength();
    for (int r = 0; r < rows; r++) {
      acc.add(values, r * block.featureCount());
    }
    return acc.result();
  }

  /** Number of features (F). */
  public int featureCount() {
    return mean.length;
  }

  /** Writes the normalised window row-major ({@code [step][feature]}) into {@code dst}. */
  public void normalizeInto(FeatureWindow window, float[] dst, int offset) {
    int at = offset;
    for (float[] row : window.features()) {
      if (row.length != mean.length) {
        throw new IllegalArgumentException(
            "window has " + row.length + " features, normalisation " + mean.length);
      }
      for (int f = 0; f < row.length; f++) {
        dst[at++] = apply(row[f], f);
      }
    }
  }

  /** The normalised window as {@code float[T * F]}, row-major. */
  public float[] normalize(FeatureWindow window) {
    float[] out = new float[window.length() * mean.length];
    normalizeInto(window, out, 0);
    return out;
  }

  /** Normalises row-major {@code [..][feature]} values in place, e.g. a {@link WindowBlock}. */
  public void normalizeInPlace(float[] values) {
    if (values.length % mean.length != 0) {
      throw new IllegalArgumentException(
          values.length + " values are not whole rows of " + mean.length + " features");
    }
    for (int k = 0; k < values.length; k++) {
      values[k] = apply(values[k], k % mean.length);
    }
  }

  private float apply(float x, int feature) {
    return (x - mean[feature]) / std[feature];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Normalization n
        && Arrays.equals(mean, n.mean)
        && Arrays.equals(std, n.std);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(mean) * 31 + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }

  /**
   * Per-feature sums in double, shifted by the first row so that a large mean (25 °C) with a small
   * spread does not cancel catastrophically in {@code E[x²] - E[x]²}.
   */
  private static final class Accumulator {
    final double[] shift;
    final double[] sum;
    final double[] sumSquares;
    long rows;

    Accumulator(int featureCount) {
      shift = new double[featureCount];
      sum = new double[featureCount];
      sumSquares = new double[featureCount];
    }

    void add(float[] values, int offset) {
      if (rows == 0) {
        for (int f = 0; f < shift.length; f++) {
          shift[f] = values[offset + f];
        }
      }
      for (int f = 0; f < sum.length; f++) {
        double x = values[offset + f] - shift[f];
        sum[f] += x;
        sumSquares[f] += x * x;
      }
      rows++;
    }

    Normalization result() {
      if (rows == 0) {
        throw new IllegalArgumentException("cannot fit a normalisation on zero windows");
      }
      float[] mean = new float[sum.length];
      float[] std = new float[sum.length];
      for (int f = 0; f < sum.length; f++) {
        double m = sum[f] / rows;
        double variance = Math.max(0, sumSquares[f] / rows - m * m);
        mean[f] = (float) (shift[f] + m);
        std[f] = Math.max(STD_FLOOR, (float) Math.sqrt(variance));
      }
      return new Normalization(mean, std);
    }
  }
}
