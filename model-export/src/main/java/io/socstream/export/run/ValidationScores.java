package io.socstream.export.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socstream.core.features.WindowBlock;
import io.socstream.core.inference.SocEstimator;
import io.socstream.export.eval.ErrorMetrics;
import io.socstream.export.eval.MetricsJson;
import io.socstream.export.prepare.UsedFile;
import io.socstream.export.train.ConvLstmModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trained model's error on the validation cycles, per cycle and pooled, with estimates clamped
 * to [0, 1] as {@code evaluate} and {@code predict} do.
 *
 * @param perCycle metrics per validation file, in order
 * @param pooled every validation window pooled
 */
public record ValidationScores(Map<UsedFile, ErrorMetrics> perCycle, ErrorMetrics pooled) {

  private static final int BATCH = SocEstimator.DEFAULT_BATCH;

  /** Scores {@code model} on the normalised validation windows. */
  public static ValidationScores of(
      ConvLstmModel model, WindowBlock validation, List<UsedFile> files) {
    double[] estimate = new double[validation.count()];
    int size = validation.windowSize();
    for (int from = 0; from < validation.count(); from += BATCH) {
      int count = Math.min(BATCH, validation.count() - from);
      float[] windows =
          Arrays.copyOfRange(validation.features(), from * size, (from + count) * size);
      float[] raw = model.predict(windows, count);
      for (int k = 0; k < count; k++) {
        estimate[from + k] = SocEstimator.clamp(raw[k]);
      }
    }
    double[] truth = new double[validation.count()];
    for (int w = 0; w < truth.length; w++) {
      truth[w] = validation.targets()[w];
    }
    Map<UsedFile, ErrorMetrics> perCycle = new LinkedHashMap<>();
    int at = 0;
    for (UsedFile file : files) {
      int end = at + file.windows();
      perCycle.put(
          file,
          ErrorMetrics.of(
              Arrays.copyOfRange(truth, at, end), Arrays.copyOfRange(estimate, at, end)));
      at = end;
    }
    if (at != truth.length) {
      throw new IllegalStateException(
          "validation files account for " + at + " of " + truth.length + " windows");
    }
    return new ValidationScores(perCycle, ErrorMetrics.of(truth, estimate));
  }

  /** The card's {@code metrics.validation} section. */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("units", "SOC errors as fractions of full charge; estimates clamped to [0, 1]");
    node.set("pooled", MetricsJson.metrics(pooled));
    ArrayNode cycles = node.putArray("per_cycle");
    List<Map.Entry<UsedFile, ErrorMetrics>> entries = new ArrayList<>(perCycle.entrySet());
    for (Map.Entry<UsedFile, ErrorMetrics> entry : entries) {
      ObjectNode cycle = cycles.addObject();
      cycle.put("file", entry.getKey().file().relativePath());
      cycle.put("temperature_c", entry.getKey().file().temperatureC());
      cycle.setAll(MetricsJson.metrics(entry.getValue()));
    }
    return node;
  }
}
