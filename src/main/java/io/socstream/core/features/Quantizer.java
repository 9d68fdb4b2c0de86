package io.socstream.core.features;

/**
 * The fixed-point arithmetic that makes the streaming and the batch feature paths agree bit for
 * bit.
 *
 * <p>Voltage, current and temperature are stored as {@code int} counts of {@link #SCALE}ths of
 * their unit: 10 µV, 10 µA and 0.00001 °C. The LG HG2 data has five decimals, so this is lossless
 * for it. Rolling sums of counts are exact in {@code long}, so a mean depends only on the set of
 * samples it covers and never on the order in which the sums were built.
 *
 * <p>Every feature value is produced by exactly one of the methods {@link #toFeature}, {@link
 * #meanFeature} and {@link #deltaFeature}; both paths call them, so equal sums give equal floats.
 */
public final class Quantizer {

  /** Counts per unit (V, A, °C). */
  public static final double SCALE = 100_000.0;

  /** Largest magnitude, in the unit, that still fits an {@code int} count. */
  public static final double MAX_MAGNITUDE = Integer.MAX_VALUE / SCALE;

  private Quantizer() {}

  /** Whether {@code value} is finite and small enough to quantise. */
  public static boolean isQuantizable(double value) {
    return Double.isFinite(value) && Math.abs(value) < MAX_MAGNITUDE;
  }

  /**
   * Quantises a value to counts of 1/{@link #SCALE}, rounding half up.
   *
   * @throws IllegalArgumentException when the value is not {@link #isQuantizable quantisable}
   */
  public static int quantize(double value) {
    if (!isQuantizable(value)) {
      throw new IllegalArgumentException("value cannot be quantised: " + value);
    }
    return (int) Math.round(value * SCALE);
  }

  /** The float32 feature of one quantised value. */
  public static float toFeature(int count) {
    return (float) (count / SCALE);
  }

  /** The float32 Δt feature, seconds, of an interval of {@code ms} milliseconds. */
  public static float deltaFeature(long ms) {
    return (float) (ms / 1000.0);
  }

  /** The float32 mean of {@code n} quantised values that sum to {@code sum}: double, then cast. */
  public static float meanFeature(long sum, long n) {
    return (float) ((double) sum / n / SCALE);
  }
}
