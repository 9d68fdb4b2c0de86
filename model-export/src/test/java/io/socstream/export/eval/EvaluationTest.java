package io.socstream.export.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socstream.core.data.Fixtures;
import io.socstream.core.data.LgCsvReader;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.inference.SocEstimator;
import io.socstream.core.inference.SocSeries;
import io.socstream.export.data.DataLayouts;
import io.socstream.export.data.HeldOutTestData;
import io.socstream.export.labels.LabelAudit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {

  private static final FeatureSpec SPEC = new FeatureSpec(10, List.of(30), 60_000L, 10, true);

  @TempDir Path dir;

  @Test
  void writesMetricsEqualToTheMetricsOfTheEstimatesAndPlots() throws Exception {
    Path data = dir.resolve("data");
    Path udds =
        DataLayouts.writeSlice(data, "25degC/551_UDDS_processed.csv", Fixtures.MIXED1_25C, 300);
    Path us06 =
        DataLayouts.writeSlice(data, "25degC/551_US06_processed.csv", Fixtures.MIXED1_25C, 200);
    Path cold =
        DataLayouts.writeSlice(data, "n10degC/596_LA92_processed.csv", Fixtures.MIXED1_N10C, 250);
    DataLayouts.writeSlice(data, "25degC/551_Mixed1_processed.csv", Fixtures.MIXED1_25C, 1280);
    DataLayouts.writeSlice(data, "25degC/552_Mixed8_processed.csv", Fixtures.MIXED1_25C, 100);
    Path out = dir.resolve("report");

    EvaluationReport report;
    try (LinearFakeModel model = new LinearFakeModel(SPEC)) {
      report = Evaluation.run(model, dir.resolve("model"), HeldOutTestData.discover(data), out);
      assertThat(model.calls).isGreaterThanOrEqualTo(3);
    }

    SocEstimator estimator = new SocEstimator(new LinearFakeModel(SPEC), 64);
    SocSeries uddsSeries = estimator.estimate(LgCsvReader.read(udds));
    SocSeries us06Series = estimator.estimate(LgCsvReader.read(us06));
    SocSeries coldSeries = estimator.estimate(LgCsvReader.read(cold));
    // Every window, warming-up ones too: one estimate per sample from the T-th on.
    assertThat(uddsSeries.size()).isEqualTo(300 - SPEC.windowLength() + 1);
    assertThat(java.util.Arrays.stream(uddsSeries.estimate())).allMatch(e -> e >= 0 && e <= 1);

    JsonNode json = new ObjectMapper().readTree(out.resolve(Evaluation.METRICS_JSON).toFile());
    assertThat(json.get("per_cycle")).hasSize(3);
    assertThat(json.get("per_cycle").findValuesAsText("file"))
        .containsExactly(
            "n10degC/596_LA92_processed.csv",
            "25degC/551_UDDS_processed.csv",
            "25degC/551_US06_processed.csv");
    assertMetrics(json.get("per_cycle").get(0), ErrorMetrics.of(coldSeries));
    assertMetrics(json.get("per_cycle").get(1), ErrorMetrics.of(uddsSeries));
    assertMetrics(json.get("per_cycle").get(2), ErrorMetrics.of(us06Series));
    assertThat(json.get("per_temperature").get(0).get("temperature_c").asInt()).isEqualTo(-10);
    assertMetrics(
        json.get("per_temperature").get(1), ErrorMetrics.pooled(List.of(uddsSeries, us06Series)));
    assertMetrics(
        json.get("overall"), ErrorMetrics.pooled(List.of(coldSeries, uddsSeries, us06Series)));
    assertThat(report.overall().n()).isEqualTo(json.get("overall").get("n").asLong());

    // The label audit: 25 °C has training files, -10 °C has none.
    LabelAudit audit = LabelAudit.ofTrainingFiles(data);
    assertThat(json.get("per_cycle").get(0).get("label_scale_bias").isNull()).isTrue();
    assertThat(json.get("per_cycle").get(1).get("label_scale_bias").asDouble())
        .isEqualTo(audit.expectedBias(udds, 25, uddsSeries.size()).orElseThrow());
    assertThat(json.get("per_temperature").get(0).has("label_scale")).isFalse();
    JsonNode scale = json.get("per_temperature").get(1).get("label_scale");
    assertThat(scale.get("charge_capacity_ah").asDouble())
        .isEqualTo(audit.byTemperature().get(25).chargeCapacityAh());
    assertThat(scale.get("discharge_capacity_ah").asDouble())
        .isEqualTo(audit.byTemperature().get(25).dischargeCapacityAh());

    String md = Files.readString(out.resolve(Evaluation.METRICS_MD));
    assertThat(md)
        .contains(
            "| 25 °C |",
            "| -10 °C |",
            "`25degC/551_UDDS_processed.csv`",
            "MAE [%]",
            "label-scale bias [%]",
            "## Label scale of the training cycles");
    assertThat(md)
        .contains(
            String.format(java.util.Locale.ROOT, "%.3f", 100 * ErrorMetrics.of(uddsSeries).mae()));

    for (String name : List.of("551_UDDS_processed", "551_US06_processed", "596_LA92_processed")) {
      for (String kind : List.of("_soc.png", "_error.png")) {
        Path png = out.resolve(Evaluation.PLOTS_DIR).resolve(name + kind);
        assertThat(png).isRegularFile();
        byte[] head = Files.readAllBytes(png);
        assertThat(head).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
      }
    }
    assertThat(out.resolve(Evaluation.PLOTS_DIR).resolve("551_Mixed1_processed_soc.png"))
        .doesNotExist();
  }

  private static void assertMetrics(JsonNode node, ErrorMetrics expected) {
    assertThat(node.get("n").asLong()).isEqualTo(expected.n());
    assertThat(node.get("mae").asDouble()).isCloseTo(expected.mae(), within(1e-15));
    assertThat(node.get("rmse").asDouble()).isCloseTo(expected.rmse(), within(1e-15));
    assertThat(node.get("mse").asDouble()).isCloseTo(expected.mse(), within(1e-15));
    assertThat(node.get("r2").asDouble()).isCloseTo(expected.r2(), within(1e-12));
    assertThat(node.get("max_abs_error").asDouble())
        .isCloseTo(expected.maxAbsError(), within(1e-15));
    assertThat(node.get("mean_error").asDouble()).isCloseTo(expected.meanError(), within(1e-15));
  }
}
