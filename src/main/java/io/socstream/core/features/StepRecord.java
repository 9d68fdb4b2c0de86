package io.socstream.core.features;

import java.util.Arrays;

/**
 * One accepted sample as the state keeps it: the quantised values plus the rolling means computed
 * when it arrived, so a window can be assembled without recomputing history.
 *
 * @param timestampMs sample time, epoch milliseconds
 * @param voltage voltage in {@link Quantizer} counts (10 µV)
 * @param current current in counts (10 µA)
 * @param temperature temperature in counts (0.00001 °C)
 * @param means {@code [vMean(h0), iMean(h0), vMean(h1), iMean(h1), ...]} in horizon order; NaN
 *     where a decoded snapshot did not carry them (steps older than the window, never read again)
 */
public record StepRecord(
    long timestampMs, int voltage, int current, int temperature, float[] means) {

  /** Writes this step's features in {@link FeatureSpec#featureNames()} order into {@code row}. */
  public void writeFeatures(float[] row) {
    row[0] = Quantizer.toFeature(voltage);
    row[1] = Quantizer.toFeature(current);
    row[2] = Quantizer.toFeature(temperature);
    System.arraycopy(means, 0, row, 3, means.length);
  }

  /** Equality by value, means compared bitwise. */
  @Override
  public boolean equals(Object other) {
    return other instanceof StepRecord r
        && timestampMs == r.timestampMs
        && voltage == r.voltage
        && current == r.current
        && temperature == r.temperature
        && Arrays.equals(means, r.means);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(timestampMs) * 31 + Arrays.hashCode(means);
  }

  @Override
  public String toString() {
    return "StepRecord[t="
        + timestampMs
        + ", v="
        + voltage
        + ", i="
        + current
        + ", temp="
        + temperature
        + ", means="
        + Arrays.toString(means)
        + "]";
  }
}
