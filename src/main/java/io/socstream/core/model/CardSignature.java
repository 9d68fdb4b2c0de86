package io.socstream.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.socstream.core.features.FeatureSpec;
import java.util.List;

/**
 * The SavedModel signature the runner calls.
 *
 * @param name signature key in the SavedModel, normally {@code "serving_default"}
 * @param input the windows tensor, shaped {@code [-1, T, 1, F, 1]}
 * @param output the SOC tensor, shaped {@code [-1, 1]}
 */
@JsonPropertyOrder({"name", "input", "output"})
public record CardSignature(
    @JsonProperty("name") String name,
    @JsonProperty("input") TensorSpec input,
    @JsonProperty("output") TensorSpec output) {

  /** TensorFlow's default serving signature key. */
  public static final String DEFAULT_NAME = "serving_default";

  /** Default signature input key. */
  public static final String DEFAULT_INPUT = "windows";

  /** Default signature output key. */
  public static final String DEFAULT_OUTPUT = "soc";

  /** The signature every model of this project has: windows {@code [-1,T,1,F,1]} to soc. */
  public static CardSignature standard(FeatureSpec spec) {
    return new CardSignature(
        DEFAULT_NAME,
        new TensorSpec(DEFAULT_INPUT, inputShape(spec), TensorSpec.FLOAT32),
        new TensorSpec(DEFAULT_OUTPUT, outputShape(), TensorSpec.FLOAT32));
  }

  /**
   * The ConvLSTM input shape: batch, time steps, one row, F columns, one channel. The "1, F, 1"
   * layout is what Keras' ConvLSTM2D expects for a 1-D feature vector per step.
   */
  public static List<Long> inputShape(FeatureSpec spec) {
    return List.of(-1L, (long) spec.windowLength(), 1L, (long) spec.featureCount(), 1L);
  }

  /** One SOC value per window. */
  public static List<Long> outputShape() {
    return List.of(-1L, 1L);
  }
}
