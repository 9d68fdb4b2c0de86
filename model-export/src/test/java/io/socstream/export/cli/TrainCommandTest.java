package io.socstream.export.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.socstream.core.data.Fixtures;
import io.socstream.core.data.LgCsvReader;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.Normalization;
import io.socstream.core.model.ModelCard;
import io.socstream.core.model.TrainingFile;
import io.socstream.export.data.CycleLoader;
import io.socstream.export.data.DataLayouts;
import io.socstream.export.data.RateAugmentation;
import io.socstream.export.prepare.WindowBlocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A one-epoch run of a tiny ConvLSTM on fixture slices: the wiring, not the model's quality. */
class TrainCommandTest {

  @TempDir Path dir;

  @Test
  void trainsExportsAndWritesACardThatEvaluateCanUse() throws Exception {
    Path data = dir.resolve("data");
    Path train25 =
        DataLayouts.writeSlice(data, "25degC/551_Mixed1_processed.csv", Fixtures.MIXED1_25C, 600);
    Path trainN10 =
        DataLayouts.writeSlice(data, "n10degC/601_Mixed1_processed.csv", Fixtures.MIXED1_N10C, 400);
    Path val25 =
        DataLayouts.writeSlice(data, "25degC/552_Mixed8_processed.csv", Fixtures.MIXED1_25C, 200);
    Path valN10 =
        DataLayouts.writeSlice(data, "n10degC/604_Mixed8_processed.csv", Fixtures.MIXED1_N10C, 200);
    // Held out: present in the directory, never in the card.
    DataLayouts.writeSlice(data, "25degC/551_UDDS_processed.csv", Fixtures.MIXED1_25C, 300);
    Path model = dir.resolve("model");

    CliRun train =
        CliRun.of(
            "train",
            "--data",
            data.toString(),
            "--out",
            model.toString(),
            "--window",
            "8",
            "--horizons",
            "20,60",
            "--filters",
            "2",
            "--dense",
            "4",
            "--batch",
            "128",
            "--epochs",
            "1",
            "--seed",
            "7",
            "--model-version",
            "test-model");

    assertThat(train.exitCode()).as(train.err()).isZero();
    ModelCard card = ModelCard.read(model.resolve(ModelCard.FILE_NAME));
    assertThat(card.modelVersion()).isEqualTo("test-model");
    assertThat(card.featureSpec())
        .isEqualTo(new FeatureSpec(8, List.of(20, 60), 60_000L, 10, true));
    assertThat(card.training().seed()).isEqualTo(7L);
    assertThat(card.training().command()).startsWith("./soc train --data ").contains("--seed 7");
    assertThat(card.training().data())
        .extracting(TrainingFile::file, TrainingFile::role)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("n10degC/601_Mixed1_processed.csv", "train"),
            org.assertj.core.groups.Tuple.tuple("25degC/551_Mixed1_processed.csv", "train"),
            org.assertj.core.groups.Tuple.tuple("n10degC/604_Mixed8_processed.csv", "validation"),
            org.assertj.core.groups.Tuple.tuple("25degC/552_Mixed8_processed.csv", "validation"));
    assertThat(card.training().data().get(1).sha256())
        .isEqualTo(CycleLoader.sha256(Files.readAllBytes(train25)));
    assertThat(card.training().data().get(1).rows()).isEqualTo(600L);
    // Without --repair-labels the windows carry the published labels, and the card says so.
    JsonNode labelRepair = card.training().hyperparameters().get("labelRepair");
    assertThat(labelRepair.get("enabled").asBoolean()).isFalse();
    assertThat(labelRepair.has("shifted")).isFalse();

    // Normalisation: fitted on the training windows only (all windows, warming-up included), the
    // thinned copies of the default rate augmentation included.
    FeatureSpec spec = card.featureSpec();
    Normalization expected =
        Normalization.fit(
            WindowBlocks.concat(
                augmented(trainN10, train25).stream()
                    .map(c -> c.windowBlock(spec, true))
                    .toList()));
    assertThat(card.featureNormalization()).isEqualTo(expected);
    // The inputs the model saw: the training files' samples only, validation files left out.
    List<io.socstream.core.features.Sample> trained = new java.util.ArrayList<>();
    trained.addAll(LgCsvReader.read(trainN10).samples());
    trained.addAll(LgCsvReader.read(train25).samples());
    assertThat(card.inputRanges())
        .isEqualTo(io.socstream.core.model.InputRanges.of(trained))
        .isNotEqualTo(io.socstream.core.model.InputRanges.LG_HG2_DATASHEET);
    long validationWindows =
        augmented(valN10, val25).stream().mapToLong(c -> c.windowBlock(spec, true).count()).sum();
    assertThat(validationWindows).isGreaterThan(200 - 8 + 1 + 200 - 8 + 1);
    assertThat(card.metrics().at("/validation/pooled/n").asLong()).isEqualTo(validationWindows);
    assertThat(card.training().hyperparameters().at("/rateAugmentation/periodsSeconds")).hasSize(3);
    assertThat(card.metrics().at("/validation/per_cycle")).hasSize(2);

    CliRun evaluate = CliRun.evaluate(model, data, dir.resolve("report"));
    assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
  }

  /** The files' cycles with the thinned copies the default training adds. */
  private static List<io.socstream.core.data.RecordedCycle> augmented(Path... files)
      throws java.io.IOException {
    List<io.socstream.core.data.RecordedCycle> out = new java.util.ArrayList<>();
    for (Path f : files) {
      out.addAll(RateAugmentation.SHIPPED.copies(LgCsvReader.read(f)));
    }
    return out;
  }
}
