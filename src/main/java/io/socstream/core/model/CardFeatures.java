package io.socstream.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.socstream.core.features.FeatureSpec;
import java.util.List;

/**
 * The feature contract the model was trained with; the card's copy of a {@link FeatureSpec}.
 *
 * <p>Boxed types so that a missing field reads as {@code null} and the validator can name it.
 *
 * @param names feature names in input order; must equal {@link FeatureSpec#featureNames()}
 * @param windowLength steps per window (T)
 * @param averagingHorizonsSeconds horizons of the rolling means, seconds
 * @param maxGapMs longest tolerated gap between samples, milliseconds
 */
@JsonPropertyOrder({"names", "window_length", "averaging_horizons_s", "max_gap_ms"})
public record CardFeatures(
    @JsonProperty("names") List<String> names,
    @JsonProperty("window_length") Integer windowLength,
    @JsonProperty("averaging_horizons_s") List<Integer> averagingHorizonsSeconds,
    @JsonProperty("max_gap_ms") Long maxGapMs) {

  /** The card section describing {@code spec}. */
  public static CardFeatures of(FeatureSpec spec) {
    return new CardFeatures(
        spec.featureNames(), spec.windowLength(), spec.averagingHorizonsSeconds(), spec.maxGapMs());
  }
}
