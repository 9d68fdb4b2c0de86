package io.socstream.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One broken rule at a time, then several together. */
class ModelCardValidationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses the documented example after {@code change}; returns the problems reported. */
  private static List<String> problemsAfter(Consumer<ObjectNode> change) throws Exception {
    ObjectNode card = (ObjectNode) JSON.readTree(ModelCardTest.EXAMPLE);
    change.accept(card);
    ModelCardException e =
        catchThrowableOfType(
            ModelCardException.class,
            () -> ModelCard.parse(JSON.writeValueAsString(card), "card.json"));
    assertThat(e).as("card should be rejected").isNotNull();
    assertThat(e.getMessage()).startsWith("Invalid model card card.json");
    return e.problems();
  }

  private static ObjectNode at(ObjectNode card, String pointer) {
    return (ObjectNode) card.at(pointer);
  }

  private static Arguments rule(String name, Consumer<ObjectNode> change, String problem) {
    return Arguments.of(name, change, problem);
  }

  static Stream<Arguments> brokenRules() {
    return Stream.of(
        rule("card_version missing", c -> c.remove("card_version"), "card_version: missing"),
        rule(
            "card_version unsupported",
            c -> c.put("card_version", 2),
            "card_version: unsupported version 2, this reader supports 1"),
        rule("model_version missing", c -> c.remove("model_version"), "model_version: missing"),
        rule(
            "tensorflow_version blank",
            c -> c.put("tensorflow_version", " "),
            "tensorflow_version: must not be blank"),
        rule(
            "created_at unparsable",
            c -> c.put("created_at", "27/11/2026"),
            "created_at: expected an ISO-8601 instant like \"2026-11-27T10:00:00Z\", got"
                + " \"27/11/2026\""),
        rule("signature missing", c -> c.remove("signature"), "signature: missing"),
        rule(
            "signature name missing",
            c -> at(c, "/signature").remove("name"),
            "signature.name: missing"),
        rule(
            "input shape inconsistent with T and F",
            c -> at(c, "/signature/input").putArray("shape").add(-1).add(30).add(5).add(1),
            "signature.input.shape: expected [-1, 30, 1, 5, 1] ([-1, window_length, 1, feature"
                + " count, 1]), got [-1, 30, 5, 1]"),
        rule(
            "output shape not [-1, 1]",
            c -> at(c, "/signature/output").putArray("shape").add(-1),
            "signature.output.shape: expected [-1, 1], got [-1]"),
        rule(
            "input dtype not float32",
            c -> at(c, "/signature/input").put("dtype", "float64"),
            "signature.input.dtype: expected \"float32\", got \"float64\""),
        rule(
            "output dtype missing",
            c -> at(c, "/signature/output").remove("dtype"),
            "signature.output.dtype: missing"),
        rule("features missing", c -> c.remove("features"), "features: missing"),
        rule(
            "feature name wrong",
            c -> ((ArrayNode) c.at("/features/names")).set(3, "v_mean"),
            "features.names[3]: expected \"voltage_mean_500s\" for averaging_horizons_s [500], got"
                + " \"v_mean\""),
        rule(
            "feature names too few",
            c -> ((ArrayNode) c.at("/features/names")).remove(4),
            "features.names: expected 5 names [voltage, current, temperature, voltage_mean_500s,"
                + " current_mean_500s] for averaging_horizons_s [500], got 4"),
        rule(
            "window_length missing",
            c -> at(c, "/features").remove("window_length"),
            "features.window_length: missing"),
        rule(
            "horizons not increasing",
            c -> at(c, "/features").putArray("averaging_horizons_s").add(500).add(100),
            "features: averagingHorizonsSeconds must be positive and strictly increasing, was"
                + " [500, 100]"),
        rule(
            "max_gap_ms missing",
            c -> at(c, "/features").remove("max_gap_ms"),
            "features.max_gap_ms: missing"),
        rule("normalization missing", c -> c.remove("normalization"), "normalization: missing"),
        rule(
            "mean too short",
            c -> ((ArrayNode) c.at("/normalization/mean")).remove(0),
            "normalization.mean: expected 5 values (one per feature [voltage, current,"
                + " temperature, voltage_mean_500s, current_mean_500s]), got 4"),
        rule(
            "std zero",
            c -> ((ArrayNode) c.at("/normalization/std")).set(2, 0.0),
            "normalization.std[2]: must be > 0, got 0.0"),
        rule(
            "std negative",
            c -> ((ArrayNode) c.at("/normalization/std")).set(0, -1.0),
            "normalization.std[0]: must be > 0, got -1.0"),
        rule(
            "std not finite",
            c -> ((ArrayNode) c.at("/normalization/std")).set(1, Double.POSITIVE_INFINITY),
            "normalization.std[1]: must be finite, got Infinity"),
        rule(
            "mean NaN",
            c -> ((ArrayNode) c.at("/normalization/mean")).set(4, Double.NaN),
            "normalization.mean[4]: must be finite, got NaN"),
        rule("training missing", c -> c.remove("training"), "training: missing"),
        rule(
            "sha256 malformed",
            c -> at(c, "/training/data/0").put("sha256", "ABC123"),
            "training.data[0].sha256: expected 64 lowercase hex characters, got \"ABC123\""),
        rule(
            "rows negative",
            c -> at(c, "/training/data/0").put("rows", -1),
            "training.data[0].rows: must be >= 0, got -1"),
        rule(
            "role missing",
            c -> at(c, "/training/data/0").remove("role"),
            "training.data[0].role: missing"),
        rule("seed missing", c -> at(c, "/training").remove("seed"), "training.seed: missing"),
        rule(
            "command missing",
            c -> at(c, "/training").remove("command"),
            "training.command: missing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenRules")
  void reportsEachBrokenRuleWithItsPath(String name, Consumer<ObjectNode> change, String problem)
      throws Exception {
    assertThat(problemsAfter(change)).containsExactly(problem);
  }

  @Test
  void reportsAllProblemsTogether() throws Exception {
    ObjectNode card = (ObjectNode) JSON.readTree(ModelCardTest.EXAMPLE);
    card.put("card_version", 3);
    ((ArrayNode) card.at("/features/names")).set(3, "v_mean");
    ((ArrayNode) card.at("/normalization/std")).set(2, -0.5);
    at(card, "/training/data/0").put("sha256", "xyz");
    ModelCardException e =
        catchThrowableOfType(
            ModelCardException.class,
            () -> ModelCard.parse(JSON.writeValueAsString(card), "card.json"));
    assertThat(e.problems()).hasSize(4);
    assertThat(e.getMessage())
        .startsWith("Invalid model card card.json (4 problems):")
        .contains("  - card_version: unsupported version 3")
        .contains("  - features.names[3]: expected \"voltage_mean_500s\"")
        .contains("  - normalization.std[2]: must be > 0, got -0.5")
        .contains("  - training.data[0].sha256: expected 64 lowercase hex characters");
  }

  @Test
  void theExampleIsValid() {
    assertThat(ModelCardTest.example().validate()).isEmpty();
  }
}
