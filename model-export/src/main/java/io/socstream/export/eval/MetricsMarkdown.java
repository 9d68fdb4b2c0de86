package io.socstream.export.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Writes {@code metrics.md}: the report as Markdown tables, errors in % of full charge. */
public final class MetricsMarkdown {

  private static final String HEADER =
      "| %s | n | MAE [%%] | RMSE [%%] | MSE [%%²] | R² | max abs error [%%] | bias [%%] |\n"
          + "|---|---:|---:|---:|---:|---:|---:|---:|\n";

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
    md.append("Errors in % of full charge (SOC 0..100 %); estimates clamped to [0, 1]; ");
    md.append("bias = mean of estimate − true (positive: estimates too high). ");
    md.append("Test cycles: UDDS, HWFET, LA92, US06 (never used in training or validation).\n\n");
    md.append("## Per temperature (all test cycles pooled)\n\n");
    md.append(String.format(Locale.ROOT, HEADER, "ambient"));
    for (Map.Entry<Integer, ErrorMetrics> entry : report.perTemperature().entrySet()) {
      row(md, entry.getKey() + " °C", entry.getValue());
    }
    row(md, "**all**", report.overall());
    md.append("\n## Per cycle\n\n");
    md.append(String.format(Locale.ROOT, HEADER, "file"));
    for (CycleResult cycle : report.cycles()) {
      row(md, "`" + cycle.file().relativePath() + "`", cycle.metrics());
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String label, ErrorMetrics m) {
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %d | %.3f | %.3f | %.4f | %s | %.3f | %+.3f |\n",
            label,
            m.n(),
            100 * m.mae(),
            100 * m.rmse(),
            100 * 100 * m.mse(),
            Double.isNaN(m.r2()) ? "n/a" : String.format(Locale.ROOT, "%.5f", m.r2()),
            100 * m.maxAbsError(),
            100 * m.meanError()));
  }
}
