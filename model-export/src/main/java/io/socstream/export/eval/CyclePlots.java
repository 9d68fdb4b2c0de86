package io.socstream.export.eval;

import io.socstream.core.inference.SocSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of one recording: true vs estimated SOC, and the error, over time. */
public final class CyclePlots {

  private static final int WIDTH = 1200;
  private static final int HEIGHT = 500;

  static {
    // Plots are drawn off-screen; without this a server with no display fails in AWT.
    System.setProperty("java.awt.headless", "true");
  }

  private CyclePlots() {}

  /** File name of the SOC plot of a series. */
  public static String socFileName(SocSeries series) {
    return series.name() + "_soc.png";
  }

  /** File name of the error plot of a series. */
  public static String errorFileName(SocSeries series) {
    return series.name() + "_error.png";
  }

  /**
   * Writes both plots into {@code dir}; returns their paths.
   *
   * @param series the served estimates (fused)
   * @param model the model's own estimates over the same windows, drawn beside them when they
   *     differ; may be {@code series} itself
   */
  public static List<Path> write(SocSeries series, SocSeries model, String title, Path dir)
      throws IOException {
    double[] minutes = minutesSinceStart(series.timestampMs());
    XYChart soc = chart(title + ": SOC", "SOC [%]");
    add(soc, "true", minutes, percent(series.truth()));
    boolean fused = !Arrays.equals(series.estimate(), model.estimate());
    if (fused) {
      add(soc, "model", minutes, percent(model.estimate()));
    }
    add(soc, fused ? "fused" : "estimated", minutes, percent(series.estimate()));
    Path socFile = dir.resolve(socFileName(series));
    BitmapEncoder.saveBitmap(soc, socFile.toString(), BitmapEncoder.BitmapFormat.PNG);

    double[] error = new double[series.size()];
    for (int i = 0; i < error.length; i++) {
      error[i] = 100 * (series.estimate()[i] - series.truth()[i]);
    }
    XYChart errors = chart(title + ": estimation error", "estimated - true SOC [%]");
    add(errors, "error", minutes, error);
    Path errorFile = dir.resolve(errorFileName(series));
    BitmapEncoder.saveBitmap(errors, errorFile.toString(), BitmapEncoder.BitmapFormat.PNG);
    return new ArrayList<>(List.of(socFile, errorFile));
  }

  private static XYChart chart(String title, String yAxis) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("time [min]")
            .yAxisTitle(yAxis)
            .build();
    chart.getStyler().setMarkerSize(0);
    return chart;
  }

  private static void add(XYChart chart, String name, double[] x, double[] y) {
    XYSeries series = chart.addSeries(name, x, y);
    series.setMarker(SeriesMarkers.NONE);
  }

  private static double[] minutesSinceStart(long[] timestampMs) {
    double[] minutes = new double[timestampMs.length];
    for (int i = 0; i < minutes.length; i++) {
      minutes[i] = (timestampMs[i] - timestampMs[0]) / 60_000.0;
    }
    return minutes;
  }

  private static double[] percent(double[] fractions) {
    double[] out = new double[fractions.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = 100 * fractions[i];
    }
    return out;
  }
}
