package io.socstream.export.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socstream.core.data.Fixtures;
import io.socstream.core.data.LgCsvReader;
import io.socstream.core.data.RecordedCycle;
import io.socstream.core.estimate.BatteryEstimator;
import io.socstream.core.estimate.FusedSoc;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureUpdate;
import io.socstream.core.features.Sample;
import io.socstream.core.fusion.CapacityPoint;
import io.socstream.core.fusion.FusionParameters;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.core.inference.TinyModelFactory;
import io.socstream.core.model.CardFusion;
import io.socstream.core.model.ModelCard;
import io.socstream.export.data.DataLayouts;
import io.socstream.export.eval.ErrorMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a fusion section in the card, predict and evaluate serve the fused SOC beside the model's,
 * and both equal the stream's sequence: one BatteryEstimator, each window fused before the next
 * sample.
 */
class FusedPredictEvaluateTest {

  private static final FeatureSpec SPEC = new FeatureSpec(10, List.of(30), 60_000L, 10, true);
  private static final FusionParameters FUSION =
      new FusionParameters(
          List.of(new CapacityPoint(-10, 2.5, 2.6), new CapacityPoint(25, 2.8, 2.9)),
          1e-9,
          1e-4,
          1e-4,
          4);

  @TempDir static Path dir;
  static Path model;

  @BeforeAll
  static void tinyModelWithFusion() {
    model = dir.resolve("model");
    ModelCard card = TinyModelFactory.export(model, SPEC);
    card.withFusion(CardFusion.of(FUSION, null)).write(model.resolve(ModelCard.FILE_NAME));
  }

  @Test
  void predictWritesTheStreamsFusedSocBesideTheModels() throws Exception {
    Path input = DataLayouts.writeSlice(dir, "in/551_Mixed1_slice.csv", Fixtures.MIXED1_25C, 700);
    CliRun run = CliRun.predict(model, input, dir.resolve("out"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("out/551_Mixed1_slice.csv"));

    List<FusedSoc> stream = new ArrayList<>();
    RecordedCycle cycle = LgCsvReader.read(input);
    try (SavedModelSocModel socModel = SavedModelSocModel.open(model)) {
      assertThat(socModel.fusionParameters()).isEqualTo(FUSION);
      BatteryEstimator estimator = BatteryEstimator.fresh(SPEC, socModel.fusionParameters());
      float[] one = new float[SPEC.windowLength() * SPEC.featureCount()];
      for (Sample sample : cycle.samples()) {
        FeatureUpdate update = estimator.accept(sample);
        if (update.hasWindow()) {
          socModel.normalizeInto(update.window(), one, 0);
          stream.add(estimator.fuse(socModel.predict(one, 1)[0], update.window()));
        }
      }
    }
    assertThat(lines).hasSize(1 + stream.size());
    int differing = 0;
    for (int w = 0; w < stream.size(); w++) {
      String[] row = lines.get(1 + w).split(",", -1);
      assertThat(Double.parseDouble(row[2])).isCloseTo(stream.get(w).soc(), within(1e-6));
      assertThat(Double.parseDouble(row[3])).isCloseTo(stream.get(w).modelSoc(), within(1e-6));
      if (Math.abs(Double.parseDouble(row[2]) - Double.parseDouble(row[3])) > 1e-4) {
        differing++;
      }
    }
    assertThat(differing).as("fusion changes the estimates").isGreaterThan(stream.size() / 2);
  }

  @Test
  void evaluateScoresTheFusedSocAndReportsTheModelsBesideIt() throws Exception {
    Path data = dir.resolve("data");
    Path udds =
        DataLayouts.writeSlice(data, "25degC/551_UDDS_processed.csv", Fixtures.MIXED1_25C, 600);
    Path report = dir.resolve("report");
    CliRun evaluate = CliRun.evaluate(model, data, report);
    CliRun predict = CliRun.predict(model, udds, dir.resolve("pred"));
    assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
    assertThat(predict.exitCode()).as(predict.err()).isZero();

    List<String> rows = Files.readAllLines(dir.resolve("pred/551_UDDS_processed.csv"));
    int n = rows.size() - 1;
    double[] truth = new double[n];
    double[] fused = new double[n];
    double[] modelSoc = new double[n];
    for (int i = 0; i < n; i++) {
      String[] row = rows.get(i + 1).split(",");
      truth[i] = Double.parseDouble(row[1]);
      fused[i] = Double.parseDouble(row[2]);
      modelSoc[i] = Double.parseDouble(row[3]);
    }
    JsonNode json = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
    assertThat(json.get("fusion").asBoolean()).isTrue();
    JsonNode cycle = json.get("per_cycle").get(0);
    assertThat(cycle.get("mae").asDouble())
        .isCloseTo(ErrorMetrics.of(truth, fused).mae(), within(1e-12));
    assertThat(cycle.get("model").get("mae").asDouble())
        .isCloseTo(ErrorMetrics.of(truth, modelSoc).mae(), within(1e-12));
    String md = Files.readString(report.resolve("metrics.md"));
    assertThat(md)
        .contains("## Fused vs model (per temperature)")
        .contains("| 25 °C | " + n + " |");
  }

  @Test
  void robustnessReportsEveryFieldConditionBesideTheUnperturbedRun() throws Exception {
    Path data = dir.resolve("robust-data");
    Path udds =
        DataLayouts.writeSlice(data, "25degC/551_UDDS_processed.csv", Fixtures.MIXED1_25C, 600);
    Path report = dir.resolve("robust-report");
    List<Sample> samples = LgCsvReader.read(udds).samples();
    long lateFrom = samples.get(0).timestampMs() + 120_000;
    long lateSamples = samples.stream().filter(s -> s.timestampMs() >= lateFrom).count();

    CliRun evaluate = CliRun.evaluate(model, data, report, "--robustness", "--late-start-min", "2");

    assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
    List<String> rows =
        Files.readAllLines(report.resolve("robustness.md")).stream()
            .filter(line -> line.contains("| 25 °C |"))
            .toList();
    assertThat(rows).hasSize(5);
    int windows = 600 - SPEC.windowLength() + 1;
    assertThat(rows.get(0)).startsWith("| noise(5mV,20mA,0.2C) | 25 °C | " + windows + " |");
    assertThat(rows.get(1)).startsWith("| offset+50mA | 25 °C | " + windows + " |");
    assertThat(rows.get(2)).startsWith("| offset-50mA | 25 °C | " + windows + " |");
    // 2 minutes dropped: the late stream estimates from its own T-th sample on.
    assertThat(rows.get(3))
        .startsWith(
            "| late-start(2min) | 25 °C | " + (lateSamples - SPEC.windowLength() + 1) + " |");
    assertThat(rows.get(4)).startsWith("| period(10s) | 25 °C |");
    String[] offset = rows.get(1).split("\\|");
    assertThat(Double.parseDouble(offset[8].trim()))
        .as("a 50 mA offset moves the fused estimate")
        .isNotZero();
  }
}
