package io.socstream.export.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LabelScaleTest {

  /**
   * Hand-made label with C_charge = 2.0 Ah and C_discharge = 2.5 Ah. The first step leaves a label
   * above 1 (as the data set's first rows do): its Ah count, but it fits no capacity.
   */
  private static final LabelLedger TWO_CAPACITIES =
      new LabelLedger(
          new double[] {1.0026, 0.9, 0.7, 0.8, 0.7}, new double[] {0.0, -0.1, -0.6, -0.4, -0.65});

  @Test
  void fitsTheChargeAndDischargeCapacitiesApart() {
    LabelScale scale = LabelScale.of(TWO_CAPACITIES);

    assertThat(scale.chargeCapacityAh()).isCloseTo(2.0, within(1e-12));
    assertThat(scale.dischargeCapacityAh()).isCloseTo(2.5, within(1e-12));
    assertThat(scale.chargeAh()).isCloseTo(0.2, within(1e-12));
    assertThat(scale.dischargeAh()).isCloseTo(0.85, within(1e-12));
    // 0.2 Ah charged per 0.65 Ah net discharged.
    assertThat(scale.regenShare()).isCloseTo(0.2 / 0.65, within(1e-12));
  }

  @Test
  void poolsFilesBySummingTheirSteps() {
    LabelScale one = LabelScale.of(TWO_CAPACITIES);
    LabelScale pooled = one.plus(one);

    assertThat(pooled.chargeCapacityAh()).isCloseTo(2.0, within(1e-12));
    assertThat(pooled.dischargeAh()).isCloseTo(1.7, within(1e-12));
    assertThat(pooled.regenShare()).isCloseTo(one.regenShare(), within(1e-12));
  }

  @Test
  void expectedBiasIsTheRegenerationTheReferenceDoesNotHaveTimesTheCapacityGap() {
    // C_charge 2.5, C_discharge 2.0 (gap 1/2.0 - 1/2.5 = 0.1), regen share 0.25.
    LabelScale reference = new LabelScale(2.5, 1.0, 2.0, 1.0, 1.0, 5.0);
    LabelLedger cycle =
        new LabelLedger(new double[] {1, 0.5, 0.75, 0.25}, new double[] {0, -1, -0.5, -1.5});

    // Charged so far 0, 0, 0.5, 0.5; net discharged 0, 1, 0.5, 1.5; from row 1:
    // 0.1 * (0 - 0.25), 0.1 * (0.5 - 0.125), 0.1 * (0.5 - 0.375) -> mean 0.025 / 3.
    assertThat(reference.expectedBias(cycle, 1)).isCloseTo(0.025 / 3, within(1e-12));
    assertThat(reference.expectedBias(cycle, 3)).isCloseTo(0.0125, within(1e-12));
  }

  @Test
  void equalCapacitiesExplainNoBias() {
    LabelScale reference = new LabelScale(2.0, 1.0, 2.0, 1.0, 1.0, 5.0);

    assertThat(reference.expectedBias(TWO_CAPACITIES, 0)).isEqualTo(0.0);
  }

  @Test
  void aScaleWithoutChargingStepsIsUndefined() {
    LabelScale dischargeOnly =
        LabelScale.of(new LabelLedger(new double[] {0.9, 0.8}, new double[] {0, -0.25}));

    assertThat(dischargeOnly.isDefined()).isFalse();
    assertThat(new LabelScale(0, 0, 0, 0, 0, 0).isDefined()).isFalse();
    assertThatThrownBy(() -> dischargeOnly.expectedBias(TWO_CAPACITIES, 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("undefined");
  }
}
