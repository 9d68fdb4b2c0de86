package io.socstream.export.labels;

/**
 * How a SOC label moves per ampere-hour, for charging (regenerative braking) and discharging steps
 * apart. The data set's third-party label divides charged Ah by a C/20 charge capacity and
 * discharged Ah by a C/20 discharge capacity, and the two differ by up to 7 % at one temperature;
 * so the label of a cycle with much regeneration falls faster per net Ah than that of one with
 * little. Sums, so that files can be pooled.
 *
 * @param fittedChargeAh Ah charged over the steps used to fit the charge capacity
 * @param socRise label rise over those steps
 * @param fittedDischargeAh Ah discharged over the steps used to fit the discharge capacity
 * @param socDrop label drop over those steps
 * @param chargeAh all Ah charged
 * @param dischargeAh all Ah discharged
 */
public record LabelScale(
    double fittedChargeAh,
    double socRise,
    double fittedDischargeAh,
    double socDrop,
    double chargeAh,
    double dischargeAh) {

  /** Steps whose label ends outside this band may be clamped at 0 or 1, so they fit nothing. */
  private static final double CLAMP_MARGIN = 0.001;

  /** Sums a file's steps: every step counts Ah; steps where the label moved fit the capacities. */
  public static LabelScale of(LabelLedger ledger) {
    double[] soc = ledger.soc();
    double[] ah = ledger.cumulativeAh();
    double fittedCharge = 0;
    double rise = 0;
    double fittedDischarge = 0;
    double drop = 0;
    double charge = 0;
    double discharge = 0;
    for (int i = 1; i < soc.length; i++) {
      double deltaAh = ah[i] - ah[i - 1];
      double deltaSoc = soc[i] - soc[i - 1];
      boolean fits = deltaSoc != 0 && unclamped(soc[i - 1]) && unclamped(soc[i]);
      if (deltaAh > 0) {
        charge += deltaAh;
        if (fits) {
          fittedCharge += deltaAh;
          rise += deltaSoc;
        }
      } else if (deltaAh < 0) {
        discharge -= deltaAh;
        if (fits) {
          fittedDischarge -= deltaAh;
          drop -= deltaSoc;
        }
      }
    }
    return new LabelScale(fittedCharge, rise, fittedDischarge, drop, charge, discharge);
  }

  private static boolean unclamped(double soc) {
    return soc > CLAMP_MARGIN && soc < 1 - CLAMP_MARGIN;
  }

  public LabelScale plus(LabelScale other) {
    return new LabelScale(
        fittedChargeAh + other.fittedChargeAh,
        socRise + other.socRise,
        fittedDischargeAh + other.fittedDischargeAh,
        socDrop + other.socDrop,
        chargeAh + other.chargeAh,
        dischargeAh + other.dischargeAh);
  }

  /** Whether both capacities and the regeneration share are defined. */
  public boolean isDefined() {
    return socRise > 0 && socDrop > 0 && dischargeAh > chargeAh;
  }

  /** The capacity the label divides charged Ah by (Ah per unit of SOC). */
  public double chargeCapacityAh() {
    return fittedChargeAh / socRise;
  }

  /** The capacity the label divides discharged Ah by. */
  public double dischargeCapacityAh() {
    return fittedDischargeAh / socDrop;
  }

  /** Ah charged per net Ah discharged. */
  public double regenShare() {
    return chargeAh / (dischargeAh - chargeAh);
  }

  /**
   * The mean offset, from row {@code fromRow} on, of what an estimator that learned this scale's
   * cycles would read minus the label of {@code cycle}: {@code (1/Cd − 1/Cc) · (charged Ah so far −
   * regenShare · net Ah discharged so far)}. Positive for a cycle that regenerates more per net Ah
   * than the reference cycles (its label sits lower), negative for one that regenerates less. It
   * depends on the whole cycle's history, which no window of telemetry shows.
   */
  public double expectedBias(LabelLedger cycle, int fromRow) {
    if (!isDefined()) {
      throw new IllegalStateException("label scale undefined: " + this);
    }
    if (fromRow < 0 || fromRow >= cycle.size()) {
      throw new IllegalArgumentException(
          "fromRow " + fromRow + " outside a cycle of " + cycle.size() + " rows");
    }
    double gap = 1 / dischargeCapacityAh() - 1 / chargeCapacityAh();
    double share = regenShare();
    double[] ah = cycle.cumulativeAh();
    double charged = 0;
    double sum = 0;
    for (int i = 0; i < ah.length; i++) {
      if (i > 0 && ah[i] > ah[i - 1]) {
        charged += ah[i] - ah[i - 1];
      }
      if (i >= fromRow) {
        double netDischarged = ah[0] - ah[i];
        sum += gap * (charged - share * netDischarged);
      }
    }
    return sum / (ah.length - fromRow);
  }
}
