package io.socstream.export.eval;

import io.socstream.core.inference.SocSeries;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link SocSeries} as CSV: header {@value #HEADER}, one row per estimate; {@code
 * soc_true} is empty where the input has no SOC label.
 */
public final class PredictionCsv {

  public static final String HEADER = "timestamp_ms,soc_true,soc_est";

  private PredictionCsv() {}

  public static void write(SocSeries series, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.write('\n');
      for (int i = 0; i < series.size(); i++) {
        out.write(Long.toString(series.timestampMs()[i]));
        out.write(',');
        double truth = series.truth()[i];
        // Double.toString round-trips: the value reads back exactly as parsed from the input.
        out.write(Double.isNaN(truth) ? "" : Double.toString(truth));
        out.write(',');
        out.write(Double.toString(series.estimate()[i]));
        out.write('\n');
      }
    }
  }
}
