package io.socstream.export.eval;

import io.socstream.core.inference.SocSeries;
import io.socstream.export.labels.LabelAudit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Results of a model on the held-out test cycles.
 *
 * @param modelVersion the model's id
 * @param modelDir where the model was loaded from
 * @param dataDir the data directory
 * @param cycles one result per test cycle, ordered by temperature then name
 * @param labelAudit the training cycles' label scale per temperature
 * @param fusion whether the model's estimates were fused with Coulomb counting
 */
public record EvaluationReport(
    String modelVersion,
    String modelDir,
    String dataDir,
    List<CycleResult> cycles,
    LabelAudit labelAudit,
    boolean fusion) {

  public EvaluationReport {
    cycles = List.copyOf(cycles);
  }

  /** Whether the served estimates are fused (the model card has a fusion section). */
  public boolean fused() {
    return fusion;
  }

  /** Every served (fused) estimate of a temperature pooled, by ascending temperature (°C). */
  public Map<Integer, ErrorMetrics> perTemperature() {
    return pooledByTemperature(CycleResult::series);
  }

  /** Every model estimate (before fusion) of a temperature pooled, by ascending temperature. */
  public Map<Integer, ErrorMetrics> perTemperatureModel() {
    return pooledByTemperature(CycleResult::modelSeries);
  }

  /** Every model estimate (before fusion) of every test cycle pooled. */
  public ErrorMetrics overallModel() {
    return ErrorMetrics.pooled(cycles.stream().map(CycleResult::modelSeries).toList());
  }

  private Map<Integer, ErrorMetrics> pooledByTemperature(Function<CycleResult, SocSeries> which) {
    Map<Integer, List<SocSeries>> byTemperature = new TreeMap<>();
    for (CycleResult cycle : cycles) {
      byTemperature
          .computeIfAbsent(cycle.file().temperatureC(), t -> new ArrayList<>())
          .add(which.apply(cycle));
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
