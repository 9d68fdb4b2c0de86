package io.socstream.export.cli;

import io.socstream.core.data.RecordedCycle;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.export.data.HeldOutTestData;
import io.socstream.export.eval.ErrorMetrics;
import io.socstream.export.eval.Evaluation;
import io.socstream.export.eval.EvaluationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code soc evaluate}: scores a model on the held-out test drive cycles. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Scores a model on the held-out test drive cycles: UDDS, HWFET, LA92 and US06 at every"
          + " temperature folder of --data (never used by train).",
      "Writes metrics.json (per temperature and per cycle: n, mae, rmse, mse, r2, max_abs_error;"
          + " errors as fractions), metrics.md (a table in %%) and plots/<cycle>_soc.png and"
          + " plots/<cycle>_error.png. Estimates are clamped to [0, 1]."
    })
final class EvaluateCommand implements Callable<Integer> {

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description =
          "Model directory (SavedModel + model-card.json); default: the shipped model at"
              + " model-export/model/.")
  Path model;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description =
          "LG HG2 data directory holding <temp>degC/ folders, e.g." + " /data/LG_HG2_processed.")
  Path data;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "REPORT_DIR",
      description = "Directory for the report (created).")
  Path out;

  @Mixin SubsamplingOptions subsampling;

  @Override
  public Integer call() throws Exception {
    UnaryOperator<RecordedCycle> thin = subsampling.transform();
    Path modelDir = ModelLocator.resolve(model);
    HeldOutTestData testData = HeldOutTestData.discover(data);
    Files.createDirectories(out);
    EvaluationReport report;
    try (SavedModelSocModel socModel = SavedModelSocModel.open(modelDir)) {
      report = Evaluation.run(socModel, ModelLocator.forDisplay(modelDir), testData, out, thin);
    }
    ErrorMetrics all = report.overall();
    System.out.printf(
        Locale.ROOT,
        "%d test cycles (%s), %d estimates: MAE %.3f %%, RMSE %.3f %%, max %.3f %%; report in %s%n",
        report.cycles().size(),
        subsampling.describe(),
        all.n(),
        100 * all.mae(),
        100 * all.rmse(),
        100 * all.maxAbsError(),
        out);
    return 0;
  }
}
