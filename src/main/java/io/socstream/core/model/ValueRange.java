package io.socstream.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An inclusive range of one input quantity, in that quantity's unit.
 *
 * @param min lowest value
 * @param max highest value
 */
@JsonPropertyOrder({"min", "max"})
public record ValueRange(@JsonProperty("min") double min, @JsonProperty("max") double max) {

  /** Whether {@code value} lies in the range (NaN never does). */
  public boolean contains(double value) {
    return value >= min && value <= max;
  }

  /** The range grown by {@code fraction} of its span at each end. */
  public ValueRange widened(double fraction) {
    double margin = (max - min) * fraction;
    return new ValueRange(min - margin, max + margin);
  }

  /** The smallest range holding both. */
  public ValueRange union(ValueRange other) {
    return new ValueRange(Math.min(min, other.min), Math.max(max, other.max));
  }
}
