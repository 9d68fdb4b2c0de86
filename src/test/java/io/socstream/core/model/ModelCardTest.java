package io.socstream.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.core.features.FeatureSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {

  /** The example from the project's model-card documentation. */
  static final String EXAMPLE =
      """
      { "card_version": 1,
        "model_version": "convlstm-t30-20261127",
        "created_at": "2026-11-27T10:00:00Z",
        "tensorflow_version": "2.18.0",
        "signature": { "name": "serving_default",
                       "input":  {"name": "windows", "shape": [-1, 30, 1, 5, 1], "dtype": "float32"},
                       "output": {"name": "soc", "shape": [-1, 1], "dtype": "float32"} },
        "features": { "names": ["voltage","current","temperature","voltage_mean_500s","current_mean_500s"],
                      "window_length": 30, "averaging_horizons_s": [500], "max_gap_ms": 60000 },
        "normalization": { "mean": [3.7, -1.2, 25.0, 3.7, -1.2], "std": [0.3, 2.1, 10.0, 0.25, 1.5] },
        "training": { "data": [ {"file": "25degC/551_Mixed1_processed.csv",
                                 "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                                 "rows": 7723, "role": "train"} ],
                      "seed": 42, "hyperparameters": {"epochs": 50, "filters": [32, 16]},
                      "command": "./soc train --data data/ --out models/x" },
        "metrics": { "mae_by_temperature": {"25degC": 0.012, "0degC": 0.021} } }
      """;

  @TempDir Path tmp;

  static ModelCard example() {
    return ModelCard.parse(EXAMPLE, "example");
  }

  @Test
  void parsesTheDocumentedExample() {
    ModelCard card = example();
    assertThat(card.modelVersion()).isEqualTo("convlstm-t30-20261127");
    assertThat(card.createdInstant()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    // A card without block_s/delta_t is a legacy (features v1) card: per-sample means.
    assertThat(card.featureSpec()).isEqualTo(new FeatureSpec(30, List.of(500), 60_000L));
    assertThat(card.windowLength()).isEqualTo(30);
    assertThat(card.featureCount()).isEqualTo(5);
    assertThat(card.inputName()).isEqualTo("windows");
    assertThat(card.outputName()).isEqualTo("soc");
    assertThat(card.normalizationMean()).containsExactly(3.7f, -1.2f, 25.0f, 3.7f, -1.2f);
    assertThat(card.normalizationStd()).containsExactly(0.3f, 2.1f, 10.0f, 0.25f, 1.5f);
    assertThat(card.training().data().get(0).rows()).isEqualTo(7723L);
    assertThat(card.training().hyperparameters().get("epochs").asInt()).isEqualTo(50);
    assertThat(card.metrics().at("/mae_by_temperature/0degC").asDouble()).isEqualTo(0.021);
  }

  @Test
  void normalisationArraysCannotBeChangedFromOutside() {
    ModelCard card = example();
    card.normalizationMean()[0] = 99f;
    assertThat(card.normalizationMean()[0]).isEqualTo(3.7f);
  }

  @Test
  void writeThenReadGivesTheSameCard() {
    ModelCard card = example();
    Path file = tmp.resolve(ModelCard.FILE_NAME);
    card.write(file);
    ModelCard read = ModelCard.read(file);
    assertThat(read).isEqualTo(card);
    assertThat(read.toJson()).isEqualTo(card.toJson());
  }

  @Test
  void writesPrettySnakeCaseJsonInAStableFieldOrder() throws IOException {
    Path file = tmp.resolve(ModelCard.FILE_NAME);
    example().write(file);
    String json = Files.readString(file);
    assertThat(json).contains(System.lineSeparator() + "  \"model_version\"");
    assertThat(json)
        .containsSubsequence(
            "\"card_version\"",
            "\"model_version\"",
            "\"created_at\"",
            "\"tensorflow_version\"",
            "\"signature\"",
            "\"features\"",
            "\"names\"",
            "\"window_length\"",
            "\"averaging_horizons_s\"",
            "\"max_gap_ms\"",
            "\"normalization\"",
            "\"mean\"",
            "\"std\"",
            "\"training\"",
            "\"data\"",
            "\"seed\"",
            "\"hyperparameters\"",
            "\"command\"",
            "\"metrics\"");
    assertThat(json).doesNotContain("windowLength", "featureCount", "inputName");
  }

  @Test
  void createFillsTheStandardSignature() {
    FeatureSpec spec = new FeatureSpec(20, List.of(100, 500), 30_000L);
    float[] ones = {1, 1, 1, 1, 1, 1, 1};
    ModelCard card =
        ModelCard.create(
            "v1",
            Instant.parse("2026-01-01T00:00:00Z"),
            "2.18.0",
            spec,
            new float[7],
            ones,
            example().training(),
            null);
    assertThat(card.validate()).isEmpty();
    assertThat(card.signature().input().shape()).containsExactly(-1L, 20L, 1L, 7L, 1L);
    assertThat(card.features().names()).isEqualTo(spec.featureNames());
    assertThat(card.metrics().isObject()).isTrue();
  }

  @Test
  void writingAnInvalidCardFailsAndWritesNothing() {
    ModelCard card = example();
    ModelCard invalid =
        new ModelCard(
            2,
            card.modelVersion(),
            card.createdAt(),
            card.tensorflowVersion(),
            card.signature(),
            card.features(),
            card.normalization(),
            card.training(),
            card.metrics());
    Path file = tmp.resolve(ModelCard.FILE_NAME);
    assertThatThrownBy(() -> invalid.write(file))
        .isInstanceOf(ModelCardException.class)
        .hasMessageContaining("card_version: unsupported version 2");
    assertThat(file).doesNotExist();
  }

  @Test
  void missingFileNamesThePath() {
    Path file = tmp.resolve("nowhere").resolve(ModelCard.FILE_NAME);
    assertThatThrownBy(() -> ModelCard.read(file))
        .isInstanceOf(ModelCardException.class)
        .hasMessage("Model card not found: " + file);
  }

  @Test
  void malformedJsonNamesFileLineAndColumn() throws IOException {
    Path file = tmp.resolve(ModelCard.FILE_NAME);
    Files.writeString(file, "{\n  \"card_version\": 1\n  \"model_version\": \"x\"\n}\n");
    assertThatThrownBy(() -> ModelCard.read(file))
        .isInstanceOf(ModelCardException.class)
        .hasMessageStartingWith("Malformed model card " + file + " at line 3, column ");
  }

  @Test
  void wrongJsonTypeNamesTheField() {
    String json = EXAMPLE.replace("\"window_length\": 30", "\"window_length\": \"thirty\"");
    assertThatThrownBy(() -> ModelCard.parse(json, "card.json"))
        .isInstanceOf(ModelCardException.class)
        .hasMessageContaining("Malformed model card card.json at line 9")
        .hasMessageContaining("(field features.window_length)");
  }

  @Test
  void compatibleWithTheSpecItWasTrainedWith() {
    example().requireCompatible(new FeatureSpec(30, List.of(500), 60_000L));
  }

  @Test
  void featuresV2CardReadsBlocksAndDeltaT() {
    String v2 =
        EXAMPLE
            .replace("[-1, 30, 1, 5, 1]", "[-1, 30, 1, 6, 1]")
            .replace("\"current_mean_500s\"]", "\"current_mean_500s\",\"delta_t_s\"]")
            .replace(
                "\"max_gap_ms\": 60000",
                "\"max_gap_ms\": 60000, \"block_s\": 10, \"delta_t\": true")
            .replace("[3.7, -1.2, 25.0, 3.7, -1.2]", "[3.7, -1.2, 25.0, 3.7, -1.2, 3.0]")
            .replace("[0.3, 2.1, 10.0, 0.25, 1.5]", "[0.3, 2.1, 10.0, 0.25, 1.5, 2.0]");
    ModelCard card = ModelCard.parse(v2, "v2");
    assertThat(card.featureSpec()).isEqualTo(FeatureSpec.defaults());
    card.requireCompatible(FeatureSpec.defaults());
    assertThatThrownBy(() -> card.requireCompatible(new FeatureSpec(30, List.of(500), 60_000L)))
        .isInstanceOf(ModelCardException.class)
        .hasMessageContaining("features.block_s/delta_t: model expects 10 s blocks, delta_t true");
    assertThatThrownBy(
            () -> ModelCard.parse(v2.replace("\"block_s\": 10", "\"block_s\": 7"), "bad"))
        .isInstanceOf(ModelCardException.class)
        .hasMessageContaining("multiple of blockSeconds");
  }

  @Test
  void incompatibleSpecListsEveryDifference() {
    FeatureSpec serving = new FeatureSpec(20, List.of(100, 500), 30_000L);
    assertThatThrownBy(() -> example().requireCompatible(serving))
        .isInstanceOf(ModelCardException.class)
        .hasMessageContaining(
            "Model convlstm-t30-20261127 does not match the serving feature contract (3 problems)")
        .hasMessageContaining("features.window_length: model expects 30, serving uses 20")
        .hasMessageContaining(
            "features.averaging_horizons_s: model expects [500] (features [voltage, current,"
                + " temperature, voltage_mean_500s, current_mean_500s]), serving uses [100, 500]")
        .hasMessageContaining("features.max_gap_ms: model expects 60000, serving uses 30000");
  }

  @Test
  void aCardWithoutInputRangesFallsBackToTheLgHg2DatasheetAndWritesNone() {
    ModelCard card = example();

    assertThat(card.inputRanges()).isNull();
    assertThat(card.inputRangesOrDatasheet()).isEqualTo(InputRanges.LG_HG2_DATASHEET);
    assertThat(card.toJson()).doesNotContain("input_ranges");
  }

  @Test
  void inputRangesSurviveAWriteAndARead() {
    InputRanges ranges =
        new InputRanges(
            new ValueRange(2.8, 4.2), new ValueRange(-18.1, 6.0), new ValueRange(-22.5, 41.3));
    ModelCard card = example().withInputRanges(ranges);
    Path file = tmp.resolve("ranged.json");

    card.write(file);
    ModelCard read = ModelCard.read(file);

    assertThat(read.inputRanges()).isEqualTo(ranges);
    assertThat(read.inputRangesOrDatasheet()).isEqualTo(ranges);
  }

  @Test
  void inputRangesMustBeCompleteAndOrdered() {
    ModelCard card =
        example()
            .withInputRanges(
                new InputRanges(new ValueRange(4.2, 2.5), null, new ValueRange(-20, 40)));

    assertThat(card.validate())
        .contains(
            "input_ranges.voltage: expected finite min <= max, got [4.2, 2.5]",
            "input_ranges.current: missing");
  }
}
