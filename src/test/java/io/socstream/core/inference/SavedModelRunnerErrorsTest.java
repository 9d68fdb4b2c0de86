package io.socstream.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.model.CardSignature;
import io.socstream.core.model.ModelCard;
import io.socstream.core.model.ModelCardException;
import io.socstream.core.model.TensorSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a model directory can be unusable gives a message naming the path and problem. */
class SavedModelRunnerErrorsTest {

  // A 5-feature spec (legacy v1 names), so the hand-computed values below stay short.
  private static final FeatureSpec SPEC = new FeatureSpec(30, List.of(500), 60_000L);

  @TempDir Path tmp;
  private Path modelDir;
  private ModelCard card;

  @BeforeEach
  void export() {
    modelDir = tmp.resolve("model");
    card = TinyModelFactory.export(modelDir, SPEC);
  }

  private ModelLoadException openFails() {
    ModelLoadException e =
        catchThrowableOfType(
            ModelLoadException.class,
            () -> SavedModelRunner.open(modelDir, RunnerOptions.defaults()));
    assertThat(e).as("open should fail").isNotNull();
    assertThat(e.getMessage()).contains(modelDir.toString());
    assertThat(e.modelDir()).isEqualTo(modelDir);
    return e;
  }

  private void replaceCard(ModelCard replacement) {
    replacement.write(modelDir.resolve(ModelCard.FILE_NAME));
  }

  private ModelCard withSignature(CardSignature signature) {
    return new ModelCard(
        card.cardVersion(),
        card.modelVersion(),
        card.createdAt(),
        card.tensorflowVersion(),
        signature,
        card.features(),
        card.normalization(),
        card.training(),
        card.metrics());
  }

  @Test
  void missingDirectory() {
    modelDir = tmp.resolve("does-not-exist");
    assertThat(openFails()).hasMessageContaining("not a directory (or does not exist)");
  }

  @Test
  void missingCard() throws IOException {
    Files.delete(modelDir.resolve(ModelCard.FILE_NAME));
    assertThat(openFails())
        .hasMessageContaining("Model card not found: " + modelDir.resolve(ModelCard.FILE_NAME))
        .hasCauseInstanceOf(ModelCardException.class);
  }

  @Test
  void missingSavedModelPb() throws IOException {
    Files.delete(modelDir.resolve("saved_model.pb"));
    assertThat(openFails()).hasMessageContaining("no saved_model.pb");
  }

  @Test
  void corruptSavedModelPb() throws IOException {
    Files.write(
        modelDir.resolve("saved_model.pb"),
        "not a protobuf \u0000\u00ff garbage".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(openFails())
        .hasMessageContaining("TensorFlow cannot load the SavedModel")
        .hasCauseInstanceOf(org.tensorflow.exceptions.TensorFlowException.class);
  }

  @Test
  void missingVariables() throws IOException {
    try (var files = Files.list(modelDir.resolve("variables"))) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    assertThat(openFails())
        .hasMessageContaining("test run on an all-zero window failed")
        .hasMessageContaining("uninitialized value weights");
  }

  @Test
  void invalidCard() throws IOException {
    Path file = modelDir.resolve(ModelCard.FILE_NAME);
    Files.writeString(file, Files.readString(file).replace("\"current_mean_500s\"", "\"i_mean\""));
    assertThat(openFails())
        .hasMessageContaining("Invalid model card " + file)
        .hasMessageContaining("features.names[4]: expected \"current_mean_500s\"");
  }

  @Test
  void signatureNameNotInTheModel() {
    CardSignature standard = card.signature();
    replaceCard(withSignature(new CardSignature("predict", standard.input(), standard.output())));
    assertThat(openFails())
        .hasMessageContaining(
            "the card's signature.name \"predict\" is not in the SavedModel, which has"
                + " [serving_default]");
  }

  @Test
  void inputAndOutputNamesDifferFromTheCard() {
    CardSignature standard = card.signature();
    replaceCard(
        withSignature(
            new CardSignature(
                standard.name(),
                new TensorSpec("x", standard.input().shape(), TensorSpec.FLOAT32),
                new TensorSpec("y", standard.output().shape(), TensorSpec.FLOAT32))));
    assertThat(openFails())
        .hasMessageContaining("does not match its model card")
        .hasMessageContaining("input: the card names \"x\" but the model has [windows]")
        .hasMessageContaining("output: the card names \"y\" but the model has [soc]");
  }

  @Test
  void windowLengthDiffersFromTheGraph() {
    // A card that is valid on its own (T = 10) next to a graph built for T = 30.
    FeatureSpec shorter = new FeatureSpec(10, SPEC.averagingHorizonsSeconds(), SPEC.maxGapMs());
    replaceCard(TinyModelFactory.card(shorter));
    assertThat(openFails())
        .hasMessageContaining(
            "input \"windows\": card says shape [-1, 10, 1, 5, 1], model has [-1, 30, 1, 5, 1]");
  }

  @Test
  void writerRefusesASignatureThatDoesNotMatchTheCard() {
    FeatureSpec wider = new FeatureSpec(30, List.of(100, 500), 60_000L);
    try (TinyModel model = TinyModelFactory.build(SPEC)) {
      Path other = tmp.resolve("other");
      assertThatThrownBy(() -> model.export(other, TinyModelFactory.card(wider)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("card says shape [-1, 30, 1, 7, 1], model has [-1, 30, 1, 5, 1]");
      assertThat(Files.exists(other)).isFalse();
    }
  }
}
