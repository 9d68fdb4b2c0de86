package io.socstream.export.eval;

import java.util.List;

/**
 * A model's SOC estimates over one recording, one per window, in time order.
 *
 * @param name the recording's name, e.g. {@code 551_UDDS_processed}
 * @param timestampMs time of each window's newest sample, epoch milliseconds
 * @param truth the recording's SOC label at that sample, NaN where it has none
 * @param estimate the model's estimate, clamped to [0, 1]
 */
public record SocSeries(String name, long[] timestampMs, double[] truth, double[] estimate) {

  public SocSeries {
    if (timestampMs.length != truth.length || truth.length != estimate.length) {
      throw new IllegalArgumentException(
          name
              + ": "
              + timestampMs.length
              + " timestamps, "
              + truth.length
              + " true values, "
              + estimate.length
              + " estimates");
    }
  }

  /** Number of estimates. */
  public int size() {
    return estimate.length;
  }

  /** Whether every estimate has a true value to compare with. */
  public boolean fullyLabelled() {
    for (double t : truth) {
      if (Double.isNaN(t)) {
        return false;
      }
    }
    return true;
  }

  /** Metrics of this series; requires {@link #fullyLabelled()}. */
  public ErrorMetrics metrics() {
    return ErrorMetrics.of(truth, estimate);
  }

  /** Metrics of several series pooled into one set of points. */
  public static ErrorMetrics pooled(List<SocSeries> series) {
    int total = series.stream().mapToInt(SocSeries::size).sum();
    double[] truth = new double[total];
    double[] estimate = new double[total];
    int at = 0;
    for (SocSeries s : series) {
      System.arraycopy(s.truth, 0, truth, at, s.size());
      System.arraycopy(s.estimate, 0, estimate, at, s.size());
      at += s.size();
    }
    return ErrorMetrics.of(truth, estimate);
  }
}
