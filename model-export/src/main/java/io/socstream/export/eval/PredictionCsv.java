package io.socstream.export.eval;

import io.socstream.core.data.RecordedCycle;
import io.socstream.core.features.BatchFeatureExtractor;
import io.socstream.core.features.BatchWindow;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.Sample;
import io.socstream.core.inference.SocSeries;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link SocSeries} as CSV: header {@value #HEADER}, one row per estimate; {@code
 * soc_true} is empty where the input has no SOC label. {@code status} is what the stream would emit
 * for the same window ({@code WARMING_UP} while the longest rolling mean covers less than its
 * horizon since the segment began, else {@code OK}); {@code voltage_v,current_a,temperature_c} are
 * the input sample the window ends at.
 */
public final class PredictionCsv {

  public static final String HEADER =
      "timestamp_ms,soc_true,soc_est,status,voltage_v,current_a,temperature_c";

  /** The stream's EstimateStatus symbols (the schema module is not on this module's path). */
  static final String WARMING_UP = "WARMING_UP";

  static final String OK = "OK";

  private PredictionCsv() {}

  /**
   * @param cycle the recording the series was estimated from
   * @param spec the model's feature contract (decides the windows and their status)
   * @throws IllegalArgumentException when the series does not belong to the cycle's windows
   */
  public static void write(SocSeries series, RecordedCycle cycle, FeatureSpec spec, Path file)
      throws IOException {
    List<BatchWindow> windows = BatchFeatureExtractor.windows(cycle.samples(), spec);
    if (windows.size() != series.size()) {
      throw new IllegalArgumentException(
          series.name() + ": " + series.size() + " estimates for " + windows.size() + " windows");
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.write('\n');
      for (int i = 0; i < series.size(); i++) {
        BatchWindow window = windows.get(i);
        Sample sample = cycle.samples().get(window.sampleIndex());
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
        out.write(Double.toString(series.estimate()[i]));
        out.write(',');
        out.write(window.window().warmingUp() ? WARMING_UP : OK);
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
