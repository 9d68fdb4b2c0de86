package io.socstream.export.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.socstream.core.data.Fixtures;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.fusion.FusionParameters;
import io.socstream.core.inference.TinyModelFactory;
import io.socstream.core.model.ModelCard;
import io.socstream.core.model.TrainingFile;
import io.socstream.core.model.TrainingInfo;
import io.socstream.export.data.CycleLoader;
import io.socstream.export.data.DataLayouts;
import io.socstream.export.labels.LabelLedger;
import io.socstream.export.labels.LabelScale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitFusionCommandTest {

  private static final FeatureSpec SPEC = new FeatureSpec(10, List.of(30), 60_000L, 10, true);

  @TempDir Path dir;

  /** A tiny model whose card lists {@code files} (relative path, role) of {@code data}. */
  private Path modelListing(Path data, List<String[]> files) throws Exception {
    Path model = dir.resolve("model");
    ModelCard card = TinyModelFactory.export(model, SPEC);
    List<TrainingFile> listed = new ArrayList<>();
    for (String[] f : files) {
      byte[] bytes = Files.readAllBytes(data.resolve(f[0]));
      listed.add(new TrainingFile(f[0], CycleLoader.sha256(bytes), 1L, f[1]));
    }
    TrainingInfo training =
        new TrainingInfo(listed, 1L, card.training().hyperparameters(), card.training().command());
    new ModelCard(
            card.cardVersion(),
            card.modelVersion(),
            card.createdAt(),
            card.tensorflowVersion(),
            card.signature(),
            card.features(),
            card.normalization(),
            training,
            card.metrics(),
            card.inputRanges())
        .write(model.resolve(ModelCard.FILE_NAME));
    return model;
  }

  private Path data() {
    Path data = dir.resolve("data");
    DataLayouts.writeSlice(data, "25degC/551_Mixed1_processed.csv", Fixtures.MIXED1_25C, 1280);
    DataLayouts.writeSlice(data, "25degC/552_Mixed8_processed.csv", Fixtures.MIXED1_25C, 900);
    DataLayouts.writeSlice(data, "n10degC/601_Mixed1_processed.csv", Fixtures.MIXED1_N10C, 720);
    DataLayouts.writeSlice(data, "n10degC/604_Mixed8_processed.csv", Fixtures.MIXED1_N10C, 500);
    DataLayouts.writeSlice(data, "25degC/551_UDDS_processed.csv", Fixtures.US06_25C, 900);
    return data;
  }

  private static final List<String[]> SPLIT =
      List.of(
          new String[] {"n10degC/601_Mixed1_processed.csv", "train"},
          new String[] {"n10degC/604_Mixed8_processed.csv", "validation"},
          new String[] {"25degC/551_Mixed1_processed.csv", "train"},
          new String[] {"25degC/552_Mixed8_processed.csv", "validation"});

  @Test
  void writesTheFusionSectionFittedOnTheCardsTrainingAndValidationFiles() throws Exception {
    Path data = data();
    Path model = modelListing(data, SPLIT);

    CliRun run = CliRun.of("fit-fusion", "--model", model.toString(), "--data", data.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    ModelCard card = ModelCard.read(model.resolve(ModelCard.FILE_NAME));
    FusionParameters fusion = card.fusionParameters();
    assertThat(fusion.enabled()).isTrue();
    assertThat(fusion.capacity()).hasSize(2);
    LabelScale warm =
        LabelScale.of(LabelLedger.read(data.resolve("25degC/551_Mixed1_processed.csv")).get())
            .plus(
                LabelScale.of(
                    LabelLedger.read(data.resolve("25degC/552_Mixed8_processed.csv")).get()));
    assertThat(fusion.capacity().get(1).dischargeAh())
        .isCloseTo(warm.dischargeCapacityAh(), within(1e-9));
    assertThat(fusion.capacity().get(0).temperatureC()).isLessThan(0);
    assertThat(card.fusion().fit().get("validation_files").toString())
        .contains("n10degC/604_Mixed8_processed.csv", "25degC/552_Mixed8_processed.csv")
        .doesNotContain("Mixed1");
    assertThat(card.fusion().fit().get("command").asText()).startsWith("./soc fit-fusion");
    // κ is fitted too (a grid value), on the cycles also sub-sampled to 5 s and 10 s.
    assertThat(card.fusion().integrationNoise()).isNotNull().isGreaterThanOrEqualTo(0.0);
    assertThat(card.fusion().fit().get("objective").asText()).contains("period(5s)", "period(10s)");
  }

  @Test
  void dryRunLeavesTheCardUnchanged() throws Exception {
    Path data = data();
    Path model = modelListing(data, SPLIT);
    String before = Files.readString(model.resolve(ModelCard.FILE_NAME));

    CliRun run =
        CliRun.of(
            "fit-fusion", "--model", model.toString(), "--data", data.toString(), "--dry-run");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(model.resolve(ModelCard.FILE_NAME))).isEqualTo(before);
  }

  @Test
  void refusesATestCycleAndAFileThatDiffersFromTheCard() throws Exception {
    Path data = data();
    List<String[]> withTest = new ArrayList<>(SPLIT);
    withTest.add(new String[] {"25degC/551_UDDS_processed.csv", "validation"});
    Path model = modelListing(data, withTest);

    CliRun run = CliRun.of("fit-fusion", "--model", model.toString(), "--data", data.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("held-out test drive cycle");

    Path other = modelListing(data, SPLIT);
    DataLayouts.writeSlice(data, "25degC/552_Mixed8_processed.csv", Fixtures.MIXED1_25C, 800);
    CliRun changed =
        CliRun.of("fit-fusion", "--model", other.toString(), "--data", data.toString());
    assertThat(changed.exitCode()).isEqualTo(1);
    assertThat(changed.err()).contains("sha256 mismatch");
  }
}
