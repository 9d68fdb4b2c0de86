package io.socstream.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One tensor of the serving signature as the card promises it.
 *
 * @param name the signature's key for the tensor (not the graph op name), e.g. {@code "windows"}
 * @param shape dimensions, {@code -1} for the free batch dimension
 * @param dtype element type; only {@code "float32"} is supported
 */
@JsonPropertyOrder({"name", "shape", "dtype"})
public record TensorSpec(
    @JsonProperty("name") String name,
    @JsonProperty("shape") List<Long> shape,
    @JsonProperty("dtype") String dtype) {

  /** The only element type the runner feeds and fetches. */
  public static final String FLOAT32 = "float32";

  public TensorSpec {
    shape = shape == null ? null : Collections.unmodifiableList(new ArrayList<>(shape));
  }
}
