package io.socstream.export.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.model.ModelCard;
import io.socstream.export.data.RateAugmentation;
import io.socstream.export.train.ConvLstmConfig;
import io.socstream.export.train.InputLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    FeatureSpec spec = train.featureSpec();

    assertThat(spec).isEqualTo(FeatureSpec.defaults());
    ConvLstmConfig config = train.config(spec);
    assertThat(config.filters()).isEqualTo(8);
    assertThat(config.dropout()).isZero();
    assertThat(config.batchSize()).isEqualTo(512);
    assertThat(config.maxEpochs()).isEqualTo(120);
    assertThat(config.earlyStoppingPatience()).isEqualTo(12);
    assertThat(config.plateauPatience()).isEqualTo(5);
    assertThat(config.inputNoiseStd()).isEqualTo(0.05f);
    assertThat(config.weightAverageDecay()).isEqualTo(0.999f);
    assertThat(config.seed()).isEqualTo(7L);
    assertThat(config.inputLayout()).isEqualTo(InputLayout.WIDTH);
    assertThat(train.rateAugmentation()).isEqualTo(RateAugmentation.SHIPPED);
  }

  @Test
  void layoutFlagReachesTheConfig() {
    TrainCommand train = new TrainCommand();
    new CommandLine(train).parseArgs("--data", "d", "--out", "o", "--layout", "channels");
    assertThat(train.config(FeatureSpec.defaults()).inputLayout()).isEqualTo(InputLayout.CHANNELS);
    assertThat(CliRun.of("train", "--data", "d", "--out", "o", "--layout", "depth").exitCode())
        .isEqualTo(2);
  }

  @Test
  void regularisationFlagsReachTheConfig() {
    TrainCommand train = new TrainCommand();
    new CommandLine(train)
        .parseArgs(
            "--data",
            "d",
            "--out",
            "o",
            "--input-noise",
            "0.05",
            "--weight-average-decay",
            "0.999",
            "--dense",
            "32,16",
            "--dropout",
            "0.1",
            "--l2",
            "0");
    ConvLstmConfig config = train.config(FeatureSpec.defaults());

    assertThat(config.inputNoiseStd()).isEqualTo(0.05f);
    assertThat(config.weightAverageDecay()).isEqualTo(0.999f);
    assertThat(config.denseUnits()).containsExactly(32, 16);
    assertThat(config.dropout()).isEqualTo(0.1f);
    assertThat(config.l2()).isZero();
    assertThat(config.toMap())
        .containsEntry("inputNoiseStd", 0.05f)
        .containsEntry("weightAverageDecay", 0.999f);
    assertThat(
            CliRun.of("train", "--data", "d", "--out", "o", "--weight-average-decay", "1")
                .exitCode())
        .isNotZero();
  }
}
