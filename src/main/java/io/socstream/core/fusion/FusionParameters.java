package io.socstream.core.fusion;

import java.util.List;

/**
 * The parameters of {@link SocFusion}: the capacity as a function of cell temperature and the noise
 * model of the scalar Kalman filter. They are fitted on training/validation data only and stored in
 * the model card's {@code fusion} section; a card without it gives {@link #OFF} (fused SOC = model
 * SOC).
 *
 * <h2>Noise model (continuous time, so it holds at any sample rate)</h2>
 *
 * <ul>
 *   <li>Coulomb counting drifts like a random walk: between two accepted samples {@code Δt} seconds
 *       apart the state variance grows by {@code Q = processNoise · Δt} (SOC² per second).
 *   <li>The model's estimate is a measurement whose information grows with the time it covers: an
 *       estimate {@code Δt} seconds after the previous sample has variance {@code R =
 *       measurementNoise / Δt} (SOC²·s). With {@code Q ∝ Δt} and {@code R ∝ 1/Δt} the filter's time
 *       constant, {@code sqrt(measurementNoise / processNoise)} seconds, is the same at 1 Hz and at
 *       0.1 Hz, so the fused estimate smooths the model's slow error over the same time.
 *   <li>Warm-up: while the window is {@code warmingUp} (rolling means shorter than their horizon)
 *       the model is less accurate; its {@code R} is multiplied by {@code warmUpFactor}.
 *   <li>Integration error: the count uses the trapezoid of two point samples of the current, but a
 *       drive cycle's current changes every second, so over a long step the count misses what
 *       happened in between; that error grows like {@code Δt²}, not {@code Δt}. Each step adds
 *       {@code integrationNoise · (Δt · |ΔI| / C)²} to the variance ({@code ΔI} the change of
 *       current between the two samples, {@code C} the capacity in A·s), so the filter trusts a
 *       sparse count less. 0 (cards without the field) turns the term off.
 *   <li>The first estimate of a segment starts the filter: SOC = the model's estimate, variance
 *       {@code initialVariance} (times {@code warmUpFactor} when it is warming up, which the first
 *       window of a segment always is when the model has rolling means).
 * </ul>
 *
 * @param capacity capacity points by strictly increasing temperature; linear in between, constant
 *     beyond the ends; empty = fusion off
 * @param processNoise Coulomb-counting variance growth, SOC² per second, positive
 * @param measurementNoise model-estimate noise density, SOC²·s, positive
 * @param initialVariance variance of the first estimate of a segment, SOC², positive
 * @param warmUpFactor multiplier of the model's variance while warming up, at least 1
 * @param integrationNoise κ of the integration-error term, dimensionless, at least 0
 */
public record FusionParameters(
    List<CapacityPoint> capacity,
    double processNoise,
    double measurementNoise,
    double initialVariance,
    double warmUpFactor,
    double integrationNoise) {

  /** Fusion off: the fused SOC is the model's (clamped) SOC. */
  public static final FusionParameters OFF = new FusionParameters(List.of(), 1, 1, 1, 1);

  public FusionParameters {
    capacity = List.copyOf(capacity);
    for (int k = 1; k < capacity.size(); k++) {
      if (!(capacity.get(k).temperatureC() > capacity.get(k - 1).temperatureC())) {
        throw new IllegalArgumentException(
            "capacity points must have strictly increasing temperatures, got " + capacity);
      }
    }
    requirePositive("processNoise", processNoise);
    requirePositive("measurementNoise", measurementNoise);
    requirePositive("initialVariance", initialVariance);
    if (!(warmUpFactor >= 1) || !Double.isFinite(warmUpFactor)) {
      throw new IllegalArgumentException(
          "warmUpFactor must be >= 1 and finite, was " + warmUpFactor);
    }
    if (!(integrationNoise >= 0) || !Double.isFinite(integrationNoise)) {
      throw new IllegalArgumentException(
          "integrationNoise must be >= 0 and finite, was " + integrationNoise);
    }
  }

  /** Parameters without the integration-error term (κ = 0), as fitted before it existed. */
  public FusionParameters(
      List<CapacityPoint> capacity,
      double processNoise,
      double measurementNoise,
      double initialVariance,
      double warmUpFactor) {
    this(capacity, processNoise, measurementNoise, initialVariance, warmUpFactor, 0);
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite, was " + value);
    }
  }

  /** Whether fusion is on (the parameters have a capacity curve). */
  public boolean enabled() {
    return !capacity.isEmpty();
  }

  /** The filter's time constant in seconds: {@code sqrt(measurementNoise / processNoise)}. */
  public double timeConstantSeconds() {
    return Math.sqrt(measurementNoise / processNoise);
  }

  /**
   * The capacity at {@code temperatureC} in Ah, for a charging step ({@code charging}) or a
   * discharging one; linear between points, the end value beyond them.
   *
   * @throws IllegalStateException when fusion is off
   */
  public double capacityAh(double temperatureC, boolean charging) {
    if (capacity.isEmpty()) {
      throw new IllegalStateException("fusion is off: no capacity curve");
    }
    CapacityPoint first = capacity.get(0);
    if (!(temperatureC > first.temperatureC())) {
      return of(first, charging);
    }
    for (int k = 1; k < capacity.size(); k++) {
      CapacityPoint hi = capacity.get(k);
      if (temperatureC <= hi.temperatureC()) {
        CapacityPoint lo = capacity.get(k - 1);
        double f = (temperatureC - lo.temperatureC()) / (hi.temperatureC() - lo.temperatureC());
        return of(lo, charging) + f * (of(hi, charging) - of(lo, charging));
      }
    }
    return of(capacity.get(capacity.size() - 1), charging);
  }

  private static double of(CapacityPoint point, boolean charging) {
    return charging ? point.chargeAh() : point.dischargeAh();
  }

  /** These parameters with another integration-error coefficient κ. */
  public FusionParameters withIntegrationNoise(double integrationNoise) {
    return new FusionParameters(
        capacity, processNoise, measurementNoise, initialVariance, warmUpFactor, integrationNoise);
  }
}
