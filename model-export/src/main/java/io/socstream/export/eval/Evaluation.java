package io.socstream.export.eval;

import io.socstream.core.data.RecordedCycle;
import io.socstream.core.estimate.FusedSeries;
import io.socstream.core.estimate.RecordingEstimator;
import io.socstream.core.inference.SocModel;
import io.socstream.core.inference.SocSeries;
import io.socstream.export.data.CycleLoader;
import io.socstream.export.data.DataFile;
import io.socstream.export.data.HeldOutTestData;
import io.socstream.export.data.LoadedCycle;
import io.socstream.export.data.TemperatureFolder;
import io.socstream.export.labels.LabelAudit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a model on the held-out test cycles and writes {@code metrics.json}, {@code metrics.md}
 * and two PNG plots per cycle under {@code plots/}.
 */
public final class Evaluation {

  public static final String METRICS_JSON = "metrics.json";
  public static final String METRICS_MD = "metrics.md";
  public static final String PLOTS_DIR = "plots";

  private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

  private Evaluation() {}

  /**
   * Runs every test cycle through the model and writes the report into {@code outDir} (created).
   *
   * @param modelDir shown in the report
   */
  public static EvaluationReport run(
      SocModel model, Path modelDir, HeldOutTestData testData, Path outDir) throws IOException {
    return run(model, modelDir, testData, outDir, UnaryOperator.identity());
  }

  /**
   * As {@link #run(SocModel, Path, HeldOutTestData, Path)}, each cycle first passed through {@code
   * input} (e.g. thinned to 0.1 Hz by {@code --period-s}).
   */
  public static EvaluationReport run(
      SocModel model,
      Path modelDir,
      HeldOutTestData testData,
      Path outDir,
      UnaryOperator<RecordedCycle> input)
      throws IOException {
    RecordingEstimator estimator = new RecordingEstimator(model);
    Path plots = Files.createDirectories(outDir.resolve(PLOTS_DIR));
    LabelAudit labelAudit = LabelAudit.ofTrainingFiles(testData.dataDir());
    List<CycleResult> results = new ArrayList<>();
    for (DataFile file : testData.files()) {
      LoadedCycle loaded = CycleLoader.load(file);
      FusedSeries estimates = estimator.estimate(input.apply(loaded.cycle()));
      SocSeries series = estimates.fused();
      if (series.size() == 0) {
        throw new IllegalStateException(
            file.relativePath() + " is too short for one window of the model");
      }
      if (!series.fullyLabelled()) {
        throw new IllegalStateException(
            file.relativePath() + " has rows without a SOC label; a test cycle needs them all");
      }
      CycleResult result =
          new CycleResult(
              file,
              loaded.sha256(),
              series,
              ErrorMetrics.of(series),
              labelAudit.expectedBias(file.path(), file.temperatureC(), series.size()),
              estimates.model(),
              ErrorMetrics.of(estimates.model()));
      LOG.info(
          "{}: n {} MAE {} % (model {} %) RMSE {} %",
          file.relativePath(),
          result.metrics().n(),
          String.format("%.3f", 100 * result.metrics().mae()),
          String.format("%.3f", 100 * result.modelMetrics().mae()),
          String.format("%.3f", 100 * result.metrics().rmse()));
      CyclePlots.write(series, estimates.model(), title(file), plots);
      results.add(result);
    }
    EvaluationReport report =
        new EvaluationReport(
            model.modelVersion(),
            modelDir.toString(),
            testData.dataDir().toString(),
            results,
            labelAudit,
            model.fusionParameters().enabled());
    MetricsJson.write(report, outDir.resolve(METRICS_JSON));
    MetricsMarkdown.write(report, outDir.resolve(METRICS_MD));
    return report;
  }

  private static String title(DataFile file) {
    return file.test()
        + " at "
        + file.temperatureC()
        + " °C ("
        + TemperatureFolder.nameOf(file.temperatureC())
        + "/"
        + file.name().fileName()
        + ")";
  }
}
