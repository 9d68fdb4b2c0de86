package io.socstream.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.socstream.core.fusion.CapacityPoint;
import io.socstream.core.fusion.FusionParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * The card's {@code fusion} section: the parameters of the charge-counting Kalman filter that
 * corrects the model's estimates ({@link FusionParameters}), and how they were fitted. A card
 * without the section serves the model's SOC unfused.
 *
 * <p>Boxed types so that a missing field reads as {@code null} and the validator can name it.
 *
 * @param method the filter, {@value #METHOD}
 * @param capacity capacity points by increasing cell temperature
 * @param processNoisePerS Coulomb-counting variance growth, SOC² per second
 * @param measurementNoiseS model-estimate noise density, SOC²·s
 * @param initialVariance variance of a segment's first estimate, SOC²
 * @param warmUpFactor multiplier of the model's variance while warming up
 * @param fit free-form provenance of the fit (command, files, scores); may be null
 */
@JsonPropertyOrder({
  "method",
  "capacity",
  "process_noise_per_s",
  "measurement_noise_s",
  "initial_variance",
  "warm_up_factor",
  "fit"
})
public record CardFusion(
    @JsonProperty("method") String method,
    @JsonProperty("capacity") List<Capacity> capacity,
    @JsonProperty("process_noise_per_s") Double processNoisePerS,
    @JsonProperty("measurement_noise_s") Double measurementNoiseS,
    @JsonProperty("initial_variance") Double initialVariance,
    @JsonProperty("warm_up_factor") Double warmUpFactor,
    @JsonProperty("fit") @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode fit) {

  /** The only method this code runs: scalar Kalman filter over Coulomb counting. */
  public static final String METHOD = "coulomb-kalman";

  /**
   * One capacity point.
   *
   * @param temperatureC cell temperature, °C
   * @param dischargeAh capacity for discharging, Ah
   * @param chargeAh capacity for charging, Ah
   */
  @JsonPropertyOrder({"temperature_c", "discharge_ah", "charge_ah"})
  public record Capacity(
      @JsonProperty("temperature_c") Double temperatureC,
      @JsonProperty("discharge_ah") Double dischargeAh,
      @JsonProperty("charge_ah") Double chargeAh) {}

  /** The section for {@code parameters} (which must be enabled), with fit provenance. */
  public static CardFusion of(FusionParameters parameters, JsonNode fit) {
    if (!parameters.enabled()) {
      throw new IllegalArgumentException("fusion off has no card section; leave it out");
    }
    List<Capacity> points = new ArrayList<>();
    for (CapacityPoint p : parameters.capacity()) {
      points.add(new Capacity(p.temperatureC(), p.dischargeAh(), p.chargeAh()));
    }
    return new CardFusion(
        METHOD,
        points,
        parameters.processNoise(),
        parameters.measurementNoise(),
        parameters.initialVariance(),
        parameters.warmUpFactor(),
        fit);
  }

  /**
   * The filter's parameters. Requires a valid section ({@link ModelCard#validate()}).
   *
   * @throws IllegalArgumentException when a value is out of range
   */
  public FusionParameters toParameters() {
    List<CapacityPoint> points = new ArrayList<>();
    for (Capacity c : capacity) {
      points.add(new CapacityPoint(c.temperatureC(), c.dischargeAh(), c.chargeAh()));
    }
    return new FusionParameters(
        points, processNoisePerS, measurementNoiseS, initialVariance, warmUpFactor);
  }
}
