package io.socstream.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.socstream.core.features.Sample;
import java.util.List;

/**
 * The per-cell input values a model was trained on: outside them its estimate is an extrapolation
 * (a pack's 400 V fed as one cell's gives a flat, meaningless SOC). {@code soc train} records them
 * in the model card ({@code input_ranges}); a card without them (cards written before) falls back
 * to {@link #LG_HG2_DATASHEET}.
 *
 * @param voltage cell terminal voltage, volts
 * @param current cell current, amperes (negative = discharge)
 * @param temperature cell temperature, degrees Celsius
 */
@JsonPropertyOrder({"voltage", "current", "temperature"})
public record InputRanges(
    @JsonProperty("voltage") ValueRange voltage,
    @JsonProperty("current") ValueRange current,
    @JsonProperty("temperature") ValueRange temperature) {

  /**
   * One LG 18650HG2 cell (3 Ah) as the shipped model's data covers it: 2.5–4.2 V (discharge cut-off
   * to charge voltage), ±20 A (the cell's continuous discharge rating), −20…+40 °C (the tested
   * ambient temperatures).
   */
  public static final InputRanges LG_HG2_DATASHEET =
      new InputRanges(new ValueRange(2.5, 4.2), new ValueRange(-20, 20), new ValueRange(-20, 40));

  /** The smallest ranges holding every sample; null when there are none. */
  public static InputRanges of(List<Sample> samples) {
    if (samples.isEmpty()) {
      return null;
    }
    double vMin = Double.POSITIVE_INFINITY;
    double vMax = Double.NEGATIVE_INFINITY;
    double iMin = Double.POSITIVE_INFINITY;
    double iMax = Double.NEGATIVE_INFINITY;
    double tMin = Double.POSITIVE_INFINITY;
    double tMax = Double.NEGATIVE_INFINITY;
    for (Sample s : samples) {
      vMin = Math.min(vMin, s.voltage());
      vMax = Math.max(vMax, s.voltage());
      iMin = Math.min(iMin, s.current());
      iMax = Math.max(iMax, s.current());
      tMin = Math.min(tMin, s.temperature());
      tMax = Math.max(tMax, s.temperature());
    }
    return new InputRanges(
        new ValueRange(vMin, vMax), new ValueRange(iMin, iMax), new ValueRange(tMin, tMax));
  }

  /** The smallest ranges holding both; {@code other} may be null. */
  public InputRanges union(InputRanges other) {
    return other == null
        ? this
        : new InputRanges(
            voltage.union(other.voltage),
            current.union(other.current),
            temperature.union(other.temperature));
  }
}
