package io.socstream.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param blockSeconds length of the time blocks the rolling means are summed in (features v2);
 *     absent (null) in cards of models trained before v2, read as 0: legacy per-sample means
 * @param deltaTime whether the last feature is {@code delta_t_s}; absent reads as false
 */
@JsonPropertyOrder({
  "names",
  "window_length",
  "averaging_horizons_s",
  "max_gap_ms",
  "block_s",
  "delta_t"
})
public record CardFeatures(
    @JsonProperty("names") List<String> names,
    @JsonProperty("window_length") Integer windowLength,
    @JsonProperty("averaging_horizons_s") List<Integer> averagingHorizonsSeconds,
    @JsonProperty("max_gap_ms") Long maxGapMs,
    @JsonProperty("block_s") @JsonInclude(JsonInclude.Include.NON_NULL) Integer blockSeconds,
    @JsonProperty("delta_t") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deltaTime) {

  /** A legacy section (no blocks, no Δt), as cards written before features v2 read. */
  public CardFeatures(
      List<String> names, Integer windowLength, List<Integer> horizons, Long maxGapMs) {
    this(names, windowLength, horizons, maxGapMs, null, null);
  }

  /** The card section describing {@code spec}; a legacy spec writes the legacy section. */
  public static CardFeatures of(FeatureSpec spec) {
    return new CardFeatures(
        spec.featureNames(),
        spec.windowLength(),
        spec.averagingHorizonsSeconds(),
        spec.maxGapMs(),
        spec.usesBlocks() ? spec.blockSeconds() : null,
        spec.usesBlocks() ? spec.deltaTimeFeature() : null);
  }

  /** The block length, 0 when absent (legacy). */
  public int blockSecondsOrLegacy() {
    return blockSeconds == null ? 0 : blockSeconds;
  }

  /** Whether the Δt feature is on; false when absent (legacy). */
  public boolean deltaTimeOrLegacy() {
    return deltaTime != null && deltaTime;
  }
}
