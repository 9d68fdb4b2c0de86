package io.socstream.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How the model was made, so that a run can be repeated.
 *
 * @param data every input file with its hash and role
 * @param seed the random seed of the training run
 * @param hyperparameters free-form object (epochs, learning rate, layer sizes, ...)
 * @param command the command line that produced the model
 */
@JsonPropertyOrder({"data", "seed", "hyperparameters", "command"})
public record TrainingInfo(
    @JsonProperty("data") List<TrainingFile> data,
    @JsonProperty("seed") Long seed,
    @JsonProperty("hyperparameters") JsonNode hyperparameters,
    @JsonProperty("command") String command) {

  public TrainingInfo {
    data = data == null ? null : Collections.unmodifiableList(new ArrayList<>(data));
  }
}
