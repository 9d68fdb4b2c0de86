package io.socstream.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;

/**
 * Per-feature z-score constants: the model sees {@code (x - mean[f]) / std[f]}.
 *
 * <p>The card's JSON form, kept unvalidated so the card validator can list every problem; {@link
 * ModelCard#featureNormalization()} turns it into the feature pipeline's {@link
 * io.socstream.core.features.Normalization}. Arrays are copied in and out so that nobody can change
 * a loaded card's constants.
 *
 * @param mean one value per feature, in feature order
 * @param std one value per feature, each finite and greater than zero
 */
@JsonPropertyOrder({"mean", "std"})
public record CardNormalization(
    @JsonProperty("mean") float[] mean, @JsonProperty("std") float[] std) {

  public CardNormalization {
    mean = mean == null ? null : mean.clone();
    std = std == null ? null : std.clone();
  }

  /** A copy of the per-feature means. */
  @Override
  public float[] mean() {
    return mean == null ? null : mean.clone();
  }

  /** A copy of the per-feature standard deviations. */
  @Override
  public float[] std() {
    return std == null ? null : std.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CardNormalization that
        && Arrays.equals(mean, that.mean)
        && Arrays.equals(std, that.std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "CardNormalization[mean="
        + Arrays.toString(mean)
        + ", std="
        + Arrays.toString(std)
        + "]";
  }
}
