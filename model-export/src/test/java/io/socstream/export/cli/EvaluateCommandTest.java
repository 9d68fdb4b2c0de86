package io.socstream.export.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socstream.core.data.Fixtures;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.inference.TinyModelFactory;
import io.socstream.export.data.DataLayouts;
import io.socstream.export.eval.ErrorMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate through the real runner; its numbers must be those of predict's estimates. */
class EvaluateCommandTest {

  private static final FeatureSpec SPEC = new FeatureSpec(10, List.of(30), 60_000L, 10, true);

  @TempDir Path dir;

  @Test
  void reportMatchesTheMetricsOfPredictsOutput() throws Exception {
    Path model = dir.resolve("model");
    TinyModelFactory.export(model, SPEC);
    Path data = dir.resolve("data");
    Path udds =
        DataLayouts.writeSlice(data, "25degC/551_UDDS_processed.csv", Fixtures.MIXED1_25C, 500);
    DataLayouts.writeSlice(data, "n10degC/596_HWFET_processed.csv", Fixtures.MIXED1_N10C, 300);
    Path report = dir.resolve("report");

    CliRun evaluate = CliRun.evaluate(model, data, report);
    CliRun predict = CliRun.predict(model, udds, dir.resolve("pred"));

    assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
    assertThat(predict.exitCode()).as(predict.err()).isZero();
    List<String> rows = Files.readAllLines(dir.resolve("pred/551_UDDS_processed.csv"));
    double[] truth = new double[rows.size() - 1];
    double[] estimate = new double[rows.size() - 1];
    for (int i = 1; i < rows.size(); i++) {
      String[] row = rows.get(i).split(",");
      truth[i - 1] = Double.parseDouble(row[1]);
      estimate[i - 1] = Double.parseDouble(row[2]);
    }
    ErrorMetrics expected = ErrorMetrics.of(truth, estimate);

    JsonNode json = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
    JsonNode uddsNode = json.get("per_cycle").get(1);
    assertThat(uddsNode.get("file").asText()).isEqualTo("25degC/551_UDDS_processed.csv");
    assertThat(uddsNode.get("n").asLong()).isEqualTo(expected.n());
    assertThat(uddsNode.get("mae").asDouble()).isCloseTo(expected.mae(), within(1e-12));
    assertThat(uddsNode.get("rmse").asDouble()).isCloseTo(expected.rmse(), within(1e-12));
    assertThat(uddsNode.get("r2").asDouble()).isCloseTo(expected.r2(), within(1e-9));
    assertThat(uddsNode.get("max_abs_error").asDouble())
        .isCloseTo(expected.maxAbsError(), within(1e-12));
    assertThat(uddsNode.get("mean_error").asDouble())
        .isCloseTo(expected.meanError(), within(1e-12));
    assertThat(json.get("per_temperature")).hasSize(2);
    assertThat(json.get("model_version").asText()).isEqualTo(TinyModelFactory.MODEL_VERSION);
    assertThat(report.resolve("metrics.md")).isRegularFile();
    assertThat(report.resolve("plots/551_UDDS_processed_soc.png")).isRegularFile();
    assertThat(report.resolve("plots/596_HWFET_processed_error.png")).isRegularFile();
  }
}
