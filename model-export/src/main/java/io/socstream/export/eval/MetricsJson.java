package io.socstream.export.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socstream.export.labels.LabelScale;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code metrics.json}: overall, per temperature and per cycle; errors as fractions. Per
 * temperature also the training cycles' {@code label_scale}, per cycle the {@code label_scale_bias}
 * it explains (see {@link LabelScale}).
 */
public final class MetricsJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MetricsJson() {}

  public static void write(EvaluationReport report, Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), toJson(report));
  }

  /** The report as a JSON tree. */
  public static ObjectNode toJson(EvaluationReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("model_version", report.modelVersion());
    root.put("model_dir", report.modelDir());
    root.put("data_dir", report.dataDir());
    root.put(
        "units",
        "SOC errors are fractions of full charge (0.01 = 1 %); estimates clamped to [0, 1]");
    root.put("fusion", report.fused());
    root.put(
        "estimates",
        "metrics are of the served estimate (fused when fusion is on); \"model\" holds the"
            + " model's own");
    root.set("overall", metrics(report.overall()));
    root.set("overall_model", metrics(report.overallModel()));
    Map<Integer, ErrorMetrics> modelByTemperature = report.perTemperatureModel();
    ArrayNode temperatures = root.putArray("per_temperature");
    for (Map.Entry<Integer, ErrorMetrics> entry : report.perTemperature().entrySet()) {
      ObjectNode node = temperatures.addObject();
      node.put("temperature_c", entry.getKey());
      ArrayNode files = node.putArray("cycles");
      report.cycles().stream()
          .filter(c -> c.file().temperatureC() == entry.getKey())
          .forEach(c -> files.add(c.file().test()));
      node.setAll(metrics(entry.getValue()));
      node.set("model", metrics(modelByTemperature.get(entry.getKey())));
      LabelScale scale = report.labelAudit().byTemperature().get(entry.getKey());
      if (scale != null) {
        ObjectNode label = node.putObject("label_scale");
        label.put("charge_capacity_ah", scale.chargeCapacityAh());
        label.put("discharge_capacity_ah", scale.dischargeCapacityAh());
        label.put("regen_share", scale.regenShare());
      }
    }
    ArrayNode cycles = root.putArray("per_cycle");
    for (CycleResult cycle : report.cycles()) {
      ObjectNode node = cycles.addObject();
      node.put("file", cycle.file().relativePath());
      node.put("sha256", cycle.sha256());
      node.put("temperature_c", cycle.file().temperatureC());
      node.put("cycle", cycle.file().test());
      node.setAll(metrics(cycle.metrics()));
      node.set("model", metrics(cycle.modelMetrics()));
      if (cycle.labelScaleBias().isPresent()) {
        node.put("label_scale_bias", cycle.labelScaleBias().getAsDouble());
      } else {
        node.putNull("label_scale_bias");
      }
    }
    return root;
  }

  /** n, mae, rmse, mse, r2 (null when undefined), max_abs_error, mean_error. */
  public static ObjectNode metrics(ErrorMetrics m) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("n", m.n());
    node.put("mae", m.mae());
    node.put("rmse", m.rmse());
    node.put("mse", m.mse());
    if (Double.isNaN(m.r2())) {
      node.putNull("r2");
    } else {
      node.put("r2", m.r2());
    }
    node.put("max_abs_error", m.maxAbsError());
    node.put("mean_error", m.meanError());
    return node;
  }
}
