package io.socstream.export.eval;

import io.socstream.core.inference.SocSeries;
import java.util.List;

/**
 * Point-wise error statistics of SOC estimates, errors as fractions of full charge.
 *
 * @param n number of (true, estimated) pairs
 * @param mae mean absolute error
 * @param rmse root mean squared error
 * @param mse mean squared error
 * @param r2 coefficient of determination {@code 1 - SS_res / SS_tot}; NaN when the true values are
 *     all equal (SS_tot = 0)
 * @param maxAbsError largest absolute error
 * @param meanError mean signed error (estimate − truth): the bias; positive when the estimates are
 *     too high on average
 */
public record ErrorMetrics(
    long n, double mae, double rmse, double mse, double r2, double maxAbsError, double meanError) {

  /**
   * Metrics of {@code estimated} against {@code truth}, computed in double.
   *
   * @throws IllegalArgumentException when the arrays differ in length, are empty, or hold NaN
   */
  public static ErrorMetrics of(double[] truth, double[] estimated) {
    if (truth.length != estimated.length) {
      throw new IllegalArgumentException(
          truth.length + " true values but " + estimated.length + " estimates");
    }
    int n = truth.length;
    if (n == 0) {
      throw new IllegalArgumentException("no values to compare");
    }
    double mean = 0;
    for (double t : truth) {
      mean += t;
    }
    mean /= n;
    double signedSum = 0;
    double absSum = 0;
    double squaredSum = 0;
    double totalSquares = 0;
    double maxAbs = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(truth[i]) || Double.isNaN(estimated[i])) {
        throw new IllegalArgumentException("NaN at index " + i);
      }
      double error = estimated[i] - truth[i];
      signedSum += error;
      absSum += Math.abs(error);
      squaredSum += error * error;
      totalSquares += (truth[i] - mean) * (truth[i] - mean);
      maxAbs = Math.max(maxAbs, Math.abs(error));
    }
    double mse = squaredSum / n;
    double r2 = totalSquares == 0 ? Double.NaN : 1 - squaredSum / totalSquares;
    return new ErrorMetrics(n, absSum / n, Math.sqrt(mse), mse, r2, maxAbs, signedSum / n);
  }

  /** Metrics of a series' estimates; requires {@link SocSeries#fullyLabelled()}. */
  public static ErrorMetrics of(SocSeries series) {
    return of(series.truth(), series.estimate());
  }

  /** Metrics of several series pooled into one set of points. */
  public static ErrorMetrics pooled(List<SocSeries> series) {
    int total = series.stream().mapToInt(SocSeries::size).sum();
    double[] truth = new double[total];
    double[] estimate = new double[total];
    int at = 0;
    for (SocSeries s : series) {
      System.arraycopy(s.truth(), 0, truth, at, s.size());
      System.arraycopy(s.estimate(), 0, estimate, at, s.size());
      at += s.size();
    }
    return of(truth, estimate);
  }
}
