package io.socstream.export.fusion;

import io.socstream.core.data.RecordedCycle;
import io.socstream.core.estimate.FusedSeries;
import io.socstream.core.estimate.RecordingEstimator;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.fusion.CapacityPoint;
import io.socstream.core.fusion.FusionParameters;
import io.socstream.core.inference.SocSeries;
import io.socstream.export.eval.ErrorMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the filter's noise model by grid search on the validation cycles: the combination with the
 * lowest mean, over the fitting scenarios (the cycles as recorded and, for robustness, with a
 * current-sensor offset), of the pooled MAE of the fused estimates. The model runs once per cycle
 * and scenario (pass 1); every grid point only replays the fusion (pass 2).
 *
 * <p>Parametrisation: {@code σ²} = the model's mean squared error on the validation windows past
 * warm-up is the variance of a segment's first estimate; the model's noise density is {@code σ² ·
 * c} (c seconds: how long the model's error stays correlated); the time constant {@code τ} sets the
 * Coulomb-counting noise {@code q = σ² c / τ²}; {@code w} weights warm-up estimates down; {@code κ}
 * scales the integration-error term of sparse samples.
 *
 * <p>Search in two stages to keep the fit to minutes: every (τ, c, w) at κ = 0, then every (κ, τ,
 * c) at the first stage's w (w only weighs the warm-up windows, nearly independent of κ).
 */
final class NoiseGrid {

  /** Filter time constants tried, seconds. */
  static final double[] TIME_CONSTANTS_S = {30, 60, 120, 300, 600, 1200, 2400, 4800, 9600, 19200};

  /** Model-error correlation times tried, seconds. */
  static final double[] CORRELATION_S = {0.1, 1, 10, 100};

  /** Warm-up factors tried. */
  static final double[] WARM_UP_FACTORS = {1, 4, 16, 64};

  /** Integration-error coefficients κ tried (0 = the term off). */
  static final double[] INTEGRATION_NOISE = {0, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3};

  /**
   * The validation cycles under one condition, with the model's outputs for them.
   *
   * @param name e.g. {@code unperturbed}, {@code offset+50mA}
   * @param cycles the cycles as the filter sees them
   * @param outputs the model's raw output per window of each cycle (pass 1)
   */
  record Scenario(String name, List<RecordedCycle> cycles, List<float[]> outputs) {}

  /**
   * One grid point's result.
   *
   * @param parameters the filter's parameters
   * @param timeConstantS τ
   * @param correlationS c
   * @param objective mean over the scenarios of the pooled MAE
   * @param pooled per scenario, the fused estimates' metrics on every validation window
   */
  record Score(
      FusionParameters parameters,
      double timeConstantS,
      double correlationS,
      double objective,
      List<ErrorMetrics> pooled) {}

  /**
   * The search's outcome.
   *
   * @param best the lowest objective
   * @param modelVariance σ²
   * @param all every grid point, in grid order
   */
  record Result(Score best, double modelVariance, List<Score> all) {}

  private NoiseGrid() {}

  /**
   * @param scenarios the first is the cycles as recorded: it sets the model's variance
   */
  static Result search(List<Scenario> scenarios, FeatureSpec spec, List<CapacityPoint> capacity) {
    double variance = modelVariance(scenarios.get(0), spec);
    List<Score> all = new ArrayList<>();
    Score best = null;
    for (double tau : TIME_CONSTANTS_S) {
      for (double c : CORRELATION_S) {
        for (double w : WARM_UP_FACTORS) {
          Score score = score(scenarios, spec, capacity, variance, tau, c, w, 0);
          all.add(score);
          if (best == null || score.objective() < best.objective()) {
            best = score;
          }
        }
      }
    }
    double w = best.parameters().warmUpFactor();
    for (double kappa : INTEGRATION_NOISE) {
      if (kappa == 0) {
        continue;
      }
      for (double tau : TIME_CONSTANTS_S) {
        for (double c : CORRELATION_S) {
          Score score = score(scenarios, spec, capacity, variance, tau, c, w, kappa);
          all.add(score);
          if (score.objective() < best.objective()) {
            best = score;
          }
        }
      }
    }
    return new Result(best, variance, all);
  }

  private static Score score(
      List<Scenario> scenarios,
      FeatureSpec spec,
      List<CapacityPoint> capacity,
      double variance,
      double tau,
      double c,
      double w,
      double kappa) {
    double r = variance * c;
    FusionParameters parameters =
        new FusionParameters(capacity, r / (tau * tau), r, variance, w, kappa);
    List<ErrorMetrics> pooled = new ArrayList<>();
    double objective = 0;
    for (Scenario scenario : scenarios) {
      ErrorMetrics metrics = pooled(scenario, spec, parameters);
      pooled.add(metrics);
      objective += metrics.mae() / scenarios.size();
    }
    return new Score(parameters, tau, c, objective, pooled);
  }

  /** Fused (or, with fusion off, model) estimates of every window of a scenario, pooled. */
  static ErrorMetrics pooled(Scenario scenario, FeatureSpec spec, FusionParameters fusion) {
    List<SocSeries> series = new ArrayList<>();
    for (int k = 0; k < scenario.cycles().size(); k++) {
      series.add(
          RecordingEstimator.fuse(scenario.cycles().get(k), scenario.outputs().get(k), spec, fusion)
              .fused());
    }
    return ErrorMetrics.pooled(series);
  }

  /** The model's mean squared error on the windows past warm-up. */
  private static double modelVariance(Scenario scenario, FeatureSpec spec) {
    double sum = 0;
    long n = 0;
    for (int k = 0; k < scenario.cycles().size(); k++) {
      FusedSeries s =
          RecordingEstimator.fuse(
              scenario.cycles().get(k), scenario.outputs().get(k), spec, FusionParameters.OFF);
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
