package io.socstream.core.fusion;

/**
 * The cell's capacity at one cell temperature: how many ampere-hours move the state of charge from
 * 1 to 0 when discharging, and from 0 to 1 when charging. The two differ (coulombic losses; in the
 * LG HG2 data the label uses the C/20 discharge and C/20 charge capacities), so charge counting
 * divides discharged and charged Ah by their own capacity.
 *
 * @param temperatureC cell temperature, °C
 * @param dischargeAh capacity for discharging steps, Ah, positive
 * @param chargeAh capacity for charging steps, Ah, positive
 */
public record CapacityPoint(double temperatureC, double dischargeAh, double chargeAh) {

  public CapacityPoint {
    if (!Double.isFinite(temperatureC)) {
      throw new IllegalArgumentException(
          "capacity temperature must be finite, was " + temperatureC);
    }
    if (!(dischargeAh > 0) || !Double.isFinite(dischargeAh)) {
      throw new IllegalArgumentException(
          "discharge capacity must be positive and finite, was " + dischargeAh);
    }
    if (!(chargeAh > 0) || !Double.isFinite(chargeAh)) {
      throw new IllegalArgumentException(
          "charge capacity must be positive and finite, was " + chargeAh);
    }
  }
}
