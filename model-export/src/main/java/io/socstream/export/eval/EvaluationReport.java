package io.socstream.export.eval;

import io.socstream.core.inference.SocSeries;
import io.socstream.export.labels.LabelAudit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Results of a model on the held-out test cycles.
 *
 * @param modelVersion the model's id
 * @param modelDir where the model was loaded from
 * @param dataDir the data directory
 * @param cycles one result per test cycle, ordered by temperature then name
 * @param labelAudit the training cycles' label scale per temperature
 */
public record EvaluationReport(
    String modelVersion,
    String modelDir,
    String dataDir,
    List<CycleResult> cycles,
    LabelAudit labelAudit) {

  public EvaluationReport {
    cycles = List.copyOf(cycles);
  }

  /** Every estimate of a temperature pooled, by ascending temperature (°C). */
  public Map<Integer, ErrorMetrics> perTemperature() {
    Map<Integer, List<SocSeries>> byTemperature = new TreeMap<>();
    for (CycleResult cycle : cycles) {
      byTemperature
          .computeIfAbsent(cycle.file().temperatureC(), t -> new ArrayList<>())
          .add(cycle.series());
    }
    Map<Integer, ErrorMetrics> pooled = new TreeMap<>();
    byTemperature.forEach((t, series) -> pooled.put(t, ErrorMetrics.pooled(series)));
    return pooled;
  }

  /** Every estimate of every test cycle pooled. */
  public ErrorMetrics overall() {
    return ErrorMetrics.pooled(cycles.stream().map(CycleResult::series).toList());
  }
}
