package io.socstream.export.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Writes {@code metrics.md}: the report as Markdown tables, errors in % of full charge. */
public final class MetricsMarkdown {

  private static final String COLUMNS =
      "| %s | n | MAE [%%] | RMSE [%%] | MSE [%%²] | R² | max abs error [%%] | bias [%%] |";
  private static final String ALIGNMENT = "|---|---:|---:|---:|---:|---:|---:|---:|";

  private static final String HEADER = COLUMNS + "\n" + ALIGNMENT + "\n";

  /** The per-cycle table adds the bias the label scale explains. */
  private static final String CYCLE_HEADER =
      COLUMNS + " label-scale bias [%%] |\n" + ALIGNMENT + "---:|\n";

  private MetricsMarkdown() {}

  public static void write(EvaluationReport report, Path file) throws IOException {
    Files.writeString(file, render(report), StandardCharsets.UTF_8);
  }

  /** The Markdown text. */
  public static String render(EvaluationReport report) {
    StringBuilder md = new StringBuilder();
    md.append("# SOC estimation on the held-out test drive cycles\n\n");
    md.append("Model `").append(report.modelVersion()).append("` from `");
    md.append(report.modelDir()).append("`, data `").append(report.dataDir()).append("`.\n");
    md.append("Errors in % of full charge (SOC 0..100 %); estimates clamped to [0, 1]");
    md.append(report.fused() ? ", fused with Coulomb counting; " : "; ");
    md.append("bias = mean of estimate − true (positive: estimates too high). ");
    md.append("Test cycles: UDDS, HWFET, LA92, US06 (never used in training or validation).\n\n");
    md.append("## Per temperature (all test cycles pooled)\n\n");
    md.append(String.format(Locale.ROOT, HEADER, "ambient"));
    for (Map.Entry<Integer, ErrorMetrics> entry : report.perTemperature().entrySet()) {
      row(md, entry.getKey() + " °C", entry.getValue());
    }
    row(md, "**all**", report.overall());
    fusedVersusModel(md, report);
    md.append("\n## Per cycle\n\n");
    md.append(String.format(Locale.ROOT, CYCLE_HEADER, "file"));
    for (CycleResult cycle : report.cycles()) {
      md.append(cells("`" + cycle.file().relativePath() + "`", cycle.metrics()));
      md.append(
          cycle.labelScaleBias().isPresent()
              ? String.format(
                  Locale.ROOT, " | %+.3f |\n", 100 * cycle.labelScaleBias().getAsDouble())
              : " | n/a |\n");
    }
    labelScale(md, report);
    return md.toString();
  }

  private static void fusedVersusModel(StringBuilder md, EvaluationReport report) {
    md.append("\n## Fused vs model (per temperature)\n\n");
    md.append(
        report.fused()
            ? "Fused = charge counted from the current, corrected by the model's estimates in a"
                + " Kalman filter (the card's `fusion` section); model = the model alone.\n\n"
            : "The model card has no `fusion` section: the served estimate is the model's.\n\n");
    md.append("| ambient | n | MAE fused [%] | MAE model [%] | RMSE fused [%] | RMSE model [%]");
    md.append(" | max fused [%] | max model [%] | bias fused [%] | bias model [%] |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    Map<Integer, ErrorMetrics> model = report.perTemperatureModel();
    for (Map.Entry<Integer, ErrorMetrics> entry : report.perTemperature().entrySet()) {
      md.append(versus(entry.getKey() + " °C", entry.getValue(), model.get(entry.getKey())));
    }
    md.append(versus("**all**", report.overall(), report.overallModel()));
  }

  private static String versus(String label, ErrorMetrics fused, ErrorMetrics model) {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %+.3f | %+.3f |\n",
        label,
        fused.n(),
        100 * fused.mae(),
        100 * model.mae(),
        100 * fused.rmse(),
        100 * model.rmse(),
        100 * fused.maxAbsError(),
        100 * model.maxAbsError(),
        100 * fused.meanError(),
        100 * model.meanError());
  }

  private static void labelScale(StringBuilder md, EvaluationReport report) {
    if (report.labelAudit().byTemperature().isEmpty()) {
      return;
    }
    md.append("\n## Label scale of the training cycles\n\n");
    md.append("The SOC label divides charged Ah (regenerative braking) and discharged Ah by two ");
    md.append("different capacities, so a cycle's label depends on how much it regenerates. ");
    md.append("*Label-scale bias* above is the bias an estimator that learned the training ");
    md.append("cycles would show from that alone: (1/C_discharge − 1/C_charge) × (Ah charged ");
    md.append("so far − regen share × net Ah discharged so far), averaged over the estimates.\n\n");
    md.append("| ambient | C_charge [Ah] | C_discharge [Ah] | regen share |\n");
    md.append("|---|---:|---:|---:|\n");
    report
        .labelAudit()
        .byTemperature()
        .forEach(
            (temperature, scale) ->
                md.append(
                    String.format(
                        Locale.ROOT,
                        "| %d °C | %.3f | %.3f | %.3f |\n",
                        temperature,
                        scale.chargeCapacityAh(),
                        scale.dischargeCapacityAh(),
                        scale.regenShare())));
  }

  private static void row(StringBuilder md, String label, ErrorMetrics m) {
    md.append(cells(label, m)).append(" |\n");
  }

  /** A row's cells up to the bias, without the closing bar. */
  private static String cells(String label, ErrorMetrics m) {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %.3f | %.3f | %.4f | %s | %.3f | %+.3f",
        label,
        m.n(),
        100 * m.mae(),
        100 * m.rmse(),
        100 * 100 * m.mse(),
        Double.isNaN(m.r2()) ? "n/a" : String.format(Locale.ROOT, "%.5f", m.r2()),
        100 * m.maxAbsError(),
        100 * m.meanError());
  }
}
