package io.socstream.export.eval;

import io.socstream.core.data.RecordedCycle;
import io.socstream.core.estimate.FusedSeries;
import io.socstream.core.features.Sample;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link FusedSeries} as CSV: header {@value #HEADER}, one row per estimate; {@code
 * soc_true} is empty where the input has no SOC label. {@code soc} is the served estimate (fused
 * with Coulomb counting when the model card has a {@code fusion} section, else the model's), {@code
 * model_soc} the model's own, both clamped to [0, 1]. {@code status} is what the stream would emit
 * for the same window ({@code WARMING_UP} while the longest rolling mean covers less than its
 * horizon since the segment began, else {@code OK}); {@code voltage_v,current_a,temperature_c} are
 * the input sample the window ends at.
 */
public final class PredictionCsv {

  public static final String HEADER =
      "timestamp_ms,soc_true,soc,model_soc,status,voltage_v,current_a,temperature_c";

  /** The stream's EstimateStatus symbols (the schema module is not on this module's path). */
  static final String WARMING_UP = "WARMING_UP";

  static final String OK = "OK";

  private PredictionCsv() {}

  /**
   * @param cycle the recording the series was estimated from
   * @throws IllegalArgumentException when the series does not belong to the cycle
   */
  public static void write(FusedSeries series, RecordedCycle cycle, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.write('\n');
      for (int i = 0; i < series.size(); i++) {
        Sample sample = cycle.samples().get(series.sampleIndex()[i]);
        if (sample.timestampMs() != series.timestampMs()[i]) {
          throw new IllegalArgumentException(
              series.name() + ": estimate " + i + " is not at its window's timestamp");
        }
        out.write(Long.toString(series.timestampMs()[i]));
        out.write(',');
        double truth = series.truth()[i];
        // Double.toString round-trips: the value reads back exactly as parsed from the input.
        out.write(Double.isNaN(truth) ? "" : Double.toString(truth));
        out.write(',');
        out.write(Double.toString(series.soc()[i]));
        out.write(',');
        out.write(Double.toString(series.modelSoc()[i]));
        out.write(',');
        out.write(series.warmingUp()[i] ? WARMING_UP : OK);
        out.write(',');
        out.write(Double.toString(sample.voltage()));
        out.write(',');
        out.write(Double.toString(sample.current()));
        out.write(',');
        out.write(Double.toString(sample.temperature()));
        out.write('\n');
      }
    }
  }
}
