package io.socstream.export.robust;

import io.socstream.core.data.RecordedCycle;
import io.socstream.core.estimate.FusedSeries;
import io.socstream.core.estimate.RecordingEstimator;
import io.socstream.core.inference.SocModel;
import io.socstream.export.data.CycleLoader;
import io.socstream.export.data.DataFile;
import io.socstream.export.data.HeldOutTestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The test cycles under field conditions ({@link Perturbation}): per condition and temperature, the
 * MAE of the fused and of the model's estimates, beside the unperturbed run's MAE on the same rows
 * (for a late start, only the rows the late stream estimates). The SOC label is the real cell's in
 * every condition. Writes {@value #FILE_NAME}.
 */
public final class RobustnessCheck {

  public static final String FILE_NAME = "robustness.md";

  /**
   * One condition at one temperature: sums of absolute errors over the rows both runs estimate.
   *
   * @param n rows
   * @param fused sum of |fused − truth| under the condition
   * @param model sum of |model − truth| under the condition
   * @param baseFused sum of |fused − truth| of the unperturbed run on the same rows
   * @param baseModel sum of |model − truth| of the unperturbed run on the same rows
   */
  public record Cell(long n, double fused, double model, double baseFused, double baseModel) {
    Cell plus(Cell o) {
      return new Cell(
          n + o.n,
          fused + o.fused,
          model + o.model,
          baseFused + o.baseFused,
          baseModel + o.baseModel);
    }
  }

  private RobustnessCheck() {}

  /**
   * Runs every test cycle unperturbed and under each condition.
   *
   * @return condition name → temperature → cell, in the order given
   */
  public static Map<String, Map<Integer, Cell>> run(
      SocModel model, HeldOutTestData testData, List<Perturbation> conditions) throws IOException {
    RecordingEstimator estimator = new RecordingEstimator(model);
    Map<String, Map<Integer, Cell>> table = new LinkedHashMap<>();
    for (Perturbation condition : conditions) {
      table.put(condition.name(), new TreeMap<>());
    }
    for (DataFile file : testData.files()) {
      RecordedCycle cycle = CycleLoader.load(file).cycle();
      FusedSeries base = estimator.estimate(cycle);
      Map<Long, Integer> row = new HashMap<>();
      for (int i = 0; i < base.size(); i++) {
        row.put(base.timestampMs()[i], i);
      }
      for (Perturbation condition : conditions) {
        FusedSeries perturbed = estimator.estimate(condition.apply(cycle));
        Cell cell = new Cell(0, 0, 0, 0, 0);
        for (int i = 0; i < perturbed.size(); i++) {
          Integer b = row.get(perturbed.timestampMs()[i]);
          if (b == null) {
            continue;
          }
          double truth = perturbed.truth()[i];
          cell =
              cell.plus(
                  new Cell(
                      1,
                      Math.abs(perturbed.soc()[i] - truth),
                      Math.abs(perturbed.modelSoc()[i] - truth),
                      Math.abs(base.soc()[b] - truth),
                      Math.abs(base.modelSoc()[b] - truth)));
        }
        table.get(condition.name()).merge(file.temperatureC(), cell, Cell::plus);
      }
    }
    return table;
  }

  /** The table as Markdown, MAE in % of full charge. */
  public static String markdown(Map<String, Map<Integer, Cell>> table) {
    StringBuilder md = new StringBuilder();
    md.append("| condition | ambient | n | MAE fused [%] | MAE model [%] | unperturbed fused [%]");
    md.append(" | unperturbed model [%] | cost fused [pt] | cost model [pt] |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    table.forEach(
        (condition, byTemperature) -> {
          Cell all = new Cell(0, 0, 0, 0, 0);
          for (Map.Entry<Integer, Cell> entry : byTemperature.entrySet()) {
            md.append(row(condition, entry.getKey() + " °C", entry.getValue()));
            all = all.plus(entry.getValue());
          }
          md.append(row(condition, "all", all));
        });
    return md.toString();
  }

  private static String row(String condition, String ambient, Cell c) {
    double n = Math.max(1, c.n());
    return String.format(
        Locale.ROOT,
        "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %+.3f | %+.3f |\n",
        condition,
        ambient,
        c.n(),
        100 * c.fused() / n,
        100 * c.model() / n,
        100 * c.baseFused() / n,
        100 * c.baseModel() / n,
        100 * (c.fused() - c.baseFused()) / n,
        100 * (c.model() - c.baseModel()) / n);
  }

  /** Writes the table with a heading into {@code dir}/{@value #FILE_NAME}; returns the file. */
  public static Path write(Map<String, Map<Integer, Cell>> table, String modelVersion, Path dir)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Robustness on the held-out test drive cycles\n\n");
    md.append("Model `").append(modelVersion).append("`. Each condition perturbs the telemetry");
    md.append(" of every test cycle (the SOC label stays the real cell's); *unperturbed* columns");
    md.append(" are the plain run's MAE on the same rows; cost = perturbed − unperturbed, in");
    md.append(" points of SOC %.\n\n");
    md.append(markdown(table));
    Path file = dir.resolve(FILE_NAME);
    Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    return file;
  }
}
