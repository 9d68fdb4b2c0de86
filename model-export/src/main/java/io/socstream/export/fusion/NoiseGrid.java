package io.socstream.export.fusion;

import io.socstream.core.estimate.FusedSeries;
import io.socstream.core.estimate.RecordingEstimator;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.fusion.CapacityPoint;
import io.socstream.core.fusion.FusionParameters;
import io.socstream.core.inference.SocSeries;
import io.socstream.export.eval.ErrorMetrics;
import io.socstream.export.fusion.CardDataFiles.CardFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the filter's noise model by grid search on the validation cycles: the combination with the
 * lowest pooled MAE of the fused estimates. The model runs once per cycle (pass 1); every grid
 * point only replays the fusion (pass 2).
 *
 * <p>Parametrisation: {@code σ²} = the model's mean squared error on the validation windows past
 * warm-up is the variance of a segment's first estimate; the model's noise density is {@code σ² ·
 * c} (c seconds: how long the model's error stays correlated); the time constant {@code τ} sets the
 * Coulomb-counting noise {@code q = σ² c / τ²}; {@code w} weights warm-up estimates down.
 */
final class NoiseGrid {

  /** Filter time constants tried, seconds. */
  static final double[] TIME_CONSTANTS_S = {30, 60, 120, 300, 600, 1200, 2400, 4800, 9600, 19200};

  /** Model-error correlation times tried, seconds. */
  static final double[] CORRELATION_S = {1, 10, 100};

  /** Warm-up factors tried. */
  static final double[] WARM_UP_FACTORS = {1, 4, 16, 64};

  /**
   * One grid point's result.
   *
   * @param parameters the filter's parameters
   * @param timeConstantS τ
   * @param correlationS c
   * @param pooled the fused estimates' metrics on every validation window
   */
  record Score(
      FusionParameters parameters,
      double timeConstantS,
      double correlationS,
      ErrorMetrics pooled) {}

  /**
   * The search's outcome.
   *
   * @param best the lowest pooled MAE
   * @param modelVariance σ²
   * @param all every grid point, in grid order
   */
  record Result(Score best, double modelVariance, List<Score> all) {}

  private NoiseGrid() {}

  /**
   * @param cycles the validation cycles
   * @param outputs the model's raw output per window of each cycle (pass 1)
   */
  static Result search(
      List<CardFile> cycles,
      List<float[]> outputs,
      FeatureSpec spec,
      List<CapacityPoint> capacity) {
    double variance = modelVariance(cycles, outputs, spec);
    List<Score> all = new ArrayList<>();
    Score best = null;
    for (double tau : TIME_CONSTANTS_S) {
      for (double c : CORRELATION_S) {
        for (double w : WARM_UP_FACTORS) {
          double r = variance * c;
          FusionParameters parameters =
              new FusionParameters(capacity, r / (tau * tau), r, variance, w);
          Score score = new Score(parameters, tau, c, pooled(cycles, outputs, spec, parameters));
          all.add(score);
          if (best == null || score.pooled().mae() < best.pooled().mae()) {
            best = score;
          }
        }
      }
    }
    return new Result(best, variance, all);
  }

  /** Fused (or, with fusion off, model) estimates of every validation window, pooled. */
  static ErrorMetrics pooled(
      List<CardFile> cycles, List<float[]> outputs, FeatureSpec spec, FusionParameters fusion) {
    List<SocSeries> series = new ArrayList<>();
    for (int k = 0; k < cycles.size(); k++) {
      series.add(
          RecordingEstimator.fuse(cycles.get(k).cycle(), outputs.get(k), spec, fusion).fused());
    }
    return ErrorMetrics.pooled(series);
  }

  /** The model's mean squared error on the validation windows past warm-up. */
  private static double modelVariance(
      List<CardFile> cycles, List<float[]> outputs, FeatureSpec spec) {
    double sum = 0;
    long n = 0;
    for (int k = 0; k < cycles.size(); k++) {
      FusedSeries s =
          RecordingEstimator.fuse(
              cycles.get(k).cycle(), outputs.get(k), spec, FusionParameters.OFF);
      for (int i = 0; i < s.size(); i++) {
        if (!s.warmingUp()[i] && !Double.isNaN(s.truth()[i])) {
          double e = s.modelSoc()[i] - s.truth()[i];
          sum += e * e;
          n++;
        }
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException(
          "the validation cycles have no labelled window past warm-up");
    }
    return sum / n;
  }
}
