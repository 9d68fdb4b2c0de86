package io.socstream.export.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.model.ModelCard;
import io.socstream.export.run.TrainingRecipe;
import io.socstream.export.train.ConvLstmConfig;
import io.socstream.export.train.InputLayout;
import io.socstream.export.train.Regularisation;
import io.socstream.export.train.Schedule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliExitCodesTest {

  @TempDir Path dir;

  @Test
  void helpOnEveryCommandExitsZero() {
    for (String command : new String[] {"train", "evaluate", "predict"}) {
      CliRun run = CliRun.of(command, "--help");
      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out()).as(command).contains("Usage: soc " + command);
    }
    assertThat(CliRun.of("predict", "--help").out()).contains("clamped to [0, 1]");
    assertThat(CliRun.of("--help").exitCode()).isZero();
  }

  @Test
  void versionNamesProjectCommitAndShippedModel() throws Exception {
    String modelVersion =
        ModelCard.read(ModelLocator.resolve(null).resolve(ModelCard.FILE_NAME)).modelVersion();
    for (String[] args : new String[][] {{"-V"}, {"--version"}, {"predict", "-V"}}) {
      CliRun run = CliRun.of(args);
      assertThat(run.exitCode()).isZero();
      assertThat(run.out())
          .contains("soc-stream model-export 0.")
          .containsPattern("git commit: ([0-9a-f]{7,}|unknown)")
          .contains("shipped model: " + modelVersion);
    }
  }

  @Test
  void helpPrintsNoPicocliWarning() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (String command : new String[] {"train", "evaluate", "predict"}) {
        assertThat(CliRun.of(command, "--help").err()).as(command).isEmpty();
      }
    } finally {
      System.setErr(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli");
  }

  @Test
  void aDirectoryAsInputSaysSo() {
    CliRun run =
        CliRun.of("predict", "--input", dir.toString(), "--out", dir.resolve("o").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip())
        .isEqualTo("soc predict: Input file " + dir + " is a directory (give the files in it)");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(CliRun.of().exitCode()).isEqualTo(2);
    assertThat(CliRun.of("fly").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("evaluate", "--out", "x").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("train", "--data", "d", "--out", "o", "--window", "many").exitCode())
        .isEqualTo(2);
  }

  @Test
  void failuresExitOneWithOneLine() {
    CliRun run =
        CliRun.of(
            "evaluate",
            "--model",
            dir.toString(),
            "--data",
            dir.resolve("none").toString(),
            "--out",
            dir.resolve("r").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).doesNotContain("\n").contains("not a model directory");

    CliRun train =
        CliRun.of(
            "train",
            "--data",
            dir.resolve("none").toString(),
            "--out",
            dir.resolve("m").toString());
    assertThat(train.exitCode()).isEqualTo(1);
    assertThat(train.err().strip())
        .startsWith("soc train: data directory")
        .contains("does not exist")
        .doesNotContain("\n");
  }

  @Test
  void trainDefaultsAreTheShippedRecipe() {
    TrainCommand train = new TrainCommand();
    new CommandLine(train).parseArgs("--data", "d", "--out", "o");

    assertThat(train.recipe()).isEqualTo(TrainingRecipe.SHIPPED);
    assertThat(train.recipe().data().features()).isEqualTo(FeatureSpec.defaults());
  }

  @Test
  void layoutFlagReachesTheConfig() {
    TrainCommand train = new TrainCommand();
    new CommandLine(train).parseArgs("--data", "d", "--out", "o", "--layout", "channels");
    assertThat(train.recipe().model().architecture().inputLayout()).isEqualTo(InputLayout.CHANNELS);
    assertThat(CliRun.of("train", "--data", "d", "--out", "o", "--layout", "depth").exitCode())
        .isEqualTo(2);
  }

  @Test
  void flagsReachTheirRecords() {
    TrainCommand train = new TrainCommand();
    new CommandLine(train)
        .parseArgs(
            "--data",
            "d",
            "--out",
            "o",
            "--input-noise",
            "0.1",
            "--weight-average-decay",
            "0.99",
            "--dense",
            "32,16",
            "--dropout",
            "0.1",
            "--l2",
            "0",
            "--epochs",
            "7",
            "--time-budget-minutes",
            "0",
            "--rate-augmentation",
            "none",
            "--no-delta-t",
            "--block-s",
            "20",
            "--window",
            "12");
    TrainingRecipe recipe = train.recipe();
    ConvLstmConfig config = recipe.model();

    assertThat(config.regularisation()).isEqualTo(new Regularisation(0.1f, 0f, 0.1f, 0.99f));
    assertThat(config.architecture().denseUnits()).containsExactly(32, 16);
    assertThat(config.architecture().windowLength()).isEqualTo(12);
    assertThat(config.architecture().featureCount()).isEqualTo(5);
    assertThat(config.schedule().maxEpochs()).isEqualTo(7);
    assertThat(config.schedule().timeBudget()).isEqualTo(Schedule.UNLIMITED);
    assertThat(recipe.data().rates().periodsSeconds()).isEmpty();
    assertThat(recipe.data().features())
        .isEqualTo(new FeatureSpec(12, List.of(500), 60_000L, 20, false));
    assertThat(config.toMap())
        .containsEntry("inputNoiseStd", 0.1f)
        .containsEntry("weightAverageDecay", 0.99f);
    assertThat(
            CliRun.of("train", "--data", "d", "--out", "o", "--weight-average-decay", "1")
                .exitCode())
        .isNotZero();
  }
}
