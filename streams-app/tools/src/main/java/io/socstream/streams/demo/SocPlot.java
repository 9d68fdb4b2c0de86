package io.socstream.streams.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A PNG of recorded vs estimated SOC over time for one demo input (drawn off-screen). */
final class SocPlot {

  private static final int WIDTH = 1200;
  private static final int HEIGHT = 500;

  static {
    // Drawn off-screen: without this a machine with no display fails in AWT.
    System.setProperty("java.awt.headless", "true");
  }

  private SocPlot() {}

  static void write(Path file, String title, List<DemoReport.Row> rows, DemoReport.ErrorStats e)
      throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(
                Double.isFinite(e.mae())
                    ? String.format(
                        Locale.ROOT,
                        "%s: MAE %.2f%%, RMSE %.2f%%, max %.2f%%",
                        title,
                        100 * e.mae(),
                        100 * e.rmse(),
                        100 * e.maxAbsError())
                    : title)
            .xAxisTitle("time [min]")
            .yAxisTitle("SOC [%]")
            .build();
    chart.getStyler().setMarkerSize(0);
    long first = rows.isEmpty() ? 0 : rows.get(0).timestampMs();
    add(chart, "recorded (Coulomb counting)", rows, first, true);
    add(chart, "estimated (soc-stream)", rows, first, false);
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  /** One series in percent over minutes since {@code first}; rows without a value are left out. */
  private static void add(
      XYChart chart, String name, List<DemoReport.Row> rows, long first, boolean truth) {
    double[] x = new double[rows.size()];
    double[] y = new double[rows.size()];
    int n = 0;
    for (DemoReport.Row r : rows) {
      double value = truth ? r.socTrue() : r.socEst();
      if (Double.isFinite(value)) {
        x[n] = (r.timestampMs() - first) / 60_000.0;
        y[n] = 100 * value;
        n++;
      }
    }
    if (n == 0) {
      return;
    }
    XYSeries series = chart.addSeries(name, Arrays.copyOf(x, n), Arrays.copyOf(y, n));
    series.setMarker(SeriesMarkers.NONE);
  }
}
