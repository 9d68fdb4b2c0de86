package io.socstream.export.cli;

import io.socstream.core.data.RecordedCycle;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.export.data.HeldOutTestData;
import io.socstream.export.eval.ErrorMetrics;
import io.socstream.export.eval.Evaluation;
import io.socstream.export.eval.EvaluationReport;
import io.socstream.export.robust.Perturbation;
import io.socstream.export.robust.RobustnessCheck;
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

  @Option(
      names = "--robustness",
      description =
          "Also run every test cycle under field conditions (Gaussian sensor noise 5 mV / 20 mA /"
              + " 0.2 degC, current offset +50 and -50 mA, a start --late-start-min into the"
              + " cycle with no history, telemetry every 10 s) and write robustness.md: MAE fused and model per"
              + " temperature beside the unperturbed run on the same rows.")
  boolean robustness;

  @Option(
      names = "--late-start-min",
      paramLabel = "MIN",
      defaultValue = "20",
      description = "Minutes dropped from each cycle's start for --robustness (default 20).")
  int lateStartMinutes;

  @Override
  public Integer call() throws Exception {
    UnaryOperator<RecordedCycle> thin = subsampling.transform();
    Path modelDir = ModelLocator.resolve(model);
    HeldOutTestData testData = HeldOutTestData.discover(data);
    Files.createDirectories(out);
    EvaluationReport report;
    try (SavedModelSocModel socModel = SavedModelSocModel.open(modelDir)) {
      report = Evaluation.run(socModel, ModelLocator.forDisplay(modelDir), testData, out, thin);
      if (robustness) {
        var table =
            RobustnessCheck.run(socModel, testData, Perturbation.fieldConditions(lateStartMinutes));
        Path file = RobustnessCheck.write(table, socModel.modelVersion(), out);
        System.out.print(RobustnessCheck.markdown(table));
        System.out.println("robustness table in " + file);
      }
    }
    ErrorMetrics all = report.overall();
    System.out.printf(
        Locale.ROOT,
        "%d test cycles (%s), %d estimates: MAE %.3f %% (model alone %.3f %%), RMSE %.3f %%, max %.3f"
            + " %%; report in %s%n",
        report.cycles().size(),
        subsampling.describe(),
        all.n(),
        100 * all.mae(),
        100 * report.overallModel().mae(),
        100 * all.rmse(),
        100 * all.maxAbsError(),
        out);
    System.out.println("ambient | MAE fused [%] | MAE model [%]");
    var model = report.perTemperatureModel();
    report
        .perTemperature()
        .forEach(
            (t, m) ->
                System.out.printf(
                    Locale.ROOT,
                    "%d degC | %.3f | %.3f%n",
                    t,
                    100 * m.mae(),
                    100 * model.get(t).mae()));
    return 0;
  }
}
