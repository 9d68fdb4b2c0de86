package io.socstream.core.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.socstream.core.features.Sample;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SocFusionTest {

  /** 2.5 Ah when discharging, 3.0 Ah when charging, at every temperature. */
  private static final List<CapacityPoint> CAPACITY =
      List.of(new CapacityPoint(-10, 2.5, 3.0), new CapacityPoint(25, 2.5, 3.0));

  /** A filter that all but ignores the model after its first estimate. */
  private static final FusionParameters COUNT_ONLY =
      new FusionParameters(CAPACITY, 1e-12, 1e6, 1e-4, 1);

  private static Sample sample(long tMs, double current) {
    return new Sample(tMs, 3.7, current, 25.0);
  }

  @Test
  void constantCurrentDischargeCountsChargeOverTheMeasuredIntervals() {
    for (long stepMs : new long[] {1_000, 7_000, 10_000}) {
      SocFusion fusion = new SocFusion(COUNT_ONLY);
      fusion.accept(sample(0, -2.5), false);
      assertThat(fusion.fuse(0.9f, true)).isEqualTo((double) 0.9f);
      double soc = Double.NaN;
      for (long t = stepMs; t <= 1_260_000; t += stepMs) {
        fusion.accept(sample(t, -2.5), false);
        // The model says something wrong every time; with this noise model it hardly matters.
        soc = fusion.fuse(0.2f, false);
      }
      // 2.5 A for 1260 s = 0.875 Ah = 0.35 of 2.5 Ah.
      assertThat(soc).as("step %d ms", stepMs).isCloseTo(0.9f - 0.35, within(1e-4));
    }
  }

  @Test
  void chargingDividesByTheChargeCapacityAndInterpolatesInTemperature() {
    FusionParameters parameters =
        new FusionParameters(
            List.of(new CapacityPoint(0, 2.0, 2.0), new CapacityPoint(20, 3.0, 4.0)),
            1e-12,
            1e6,
            1e-4,
            1);
    assertThat(parameters.capacityAh(10, false)).isEqualTo(2.5);
    assertThat(parameters.capacityAh(10, true)).isEqualTo(3.0);
    assertThat(parameters.capacityAh(-30, true)).isEqualTo(2.0);
    assertThat(parameters.capacityAh(45, true)).isEqualTo(4.0);

    SocFusion fusion = new SocFusion(parameters);
    fusion.accept(new Sample(0, 3.7, 3.0, 10.0), false);
    fusion.fuse(0.5f, false);
    fusion.accept(new Sample(600_000, 3.7, 3.0, 10.0), false);
    // 3 A for 600 s = 0.5 Ah of a 3.0 Ah charge capacity at 10 °C.
    assertThat(fusion.fuse(0.5f, false)).isCloseTo(0.5 + 0.5 / 3.0, within(1e-6));
  }

  @Test
  void convergesFromAWrongFirstEstimateAndFiltersTheModelsNoise() {
    FusionParameters parameters = new FusionParameters(CAPACITY, 1e-8, 1e-3, 1e-4, 4);
    double tau = parameters.timeConstantSeconds();
    assertThat(tau).isCloseTo(316.2, within(0.1));
    Random random = new Random(7);
    SocFusion fusion = new SocFusion(parameters);
    double truth = 0.95;
    fusion.accept(sample(0, -1.0), true);
    double first = fusion.fuse((float) (truth - 0.05), true);
    assertThat(first).isCloseTo(0.90, within(1e-6));
    double sumSquaredModel = 0;
    double sumSquaredFused = 0;
    int n = 0;
    for (int t = 1; t <= 4_000; t++) {
      fusion.accept(sample(t * 1000L, -1.0), false);
      truth -= 1.0 / 3600 / 2.5;
      float model = (float) (truth + 0.02 * random.nextGaussian());
      double fused = fusion.fuse(model, t < 500);
      if (t > 10 * tau) {
        sumSquaredModel += (model - truth) * (model - truth);
        sumSquaredFused += (fused - truth) * (fused - truth);
        n++;
      }
    }
    double rmsModel = Math.sqrt(sumSquaredModel / n);
    double rmsFused = Math.sqrt(sumSquaredFused / n);
    assertThat(rmsModel).isCloseTo(0.02, within(0.002));
    assertThat(rmsFused).isLessThan(rmsModel / 4);
    assertThat(fusion.variance()).isLessThan(0.02 * 0.02 / 4);
  }

  @Test
  void timeConstantIsTheSameAtOneAndAtATenthOfAHertz() {
    // Started at the steady-state variance sqrt(q r), the response to a step is one exponential.
    FusionParameters parameters =
        new FusionParameters(CAPACITY, 1e-8, 1e-3, Math.sqrt(1e-8 * 1e-3), 1);
    double[] afterTau = new double[2];
    long[] steps = {1_000, 10_000};
    for (int k = 0; k < 2; k++) {
      SocFusion fusion = new SocFusion(parameters);
      fusion.accept(sample(0, 0), true);
      fusion.fuse(0.5f, false);
      // The model jumps by 0.1 and stays there; no current flows.
      double soc = Double.NaN;
      for (long t = steps[k]; t <= 2_000_000; t += steps[k]) {
        fusion.accept(sample(t, 0), false);
        soc = fusion.fuse(0.6f, false);
        if (t == 320_000) {
          afterTau[k] = soc;
        }
      }
      assertThat(soc).isCloseTo(0.6, within(1e-3));
    }
    // After about one time constant (316 s) both rates have closed about 1 - 1/e of the step.
    assertThat(afterTau[0] - 0.5).isBetween(0.055, 0.07);
    assertThat(afterTau[1]).isCloseTo(afterTau[0], within(0.01));
  }

  @Test
  void segmentStartForgetsTheSocAndRestartsFromTheNextModelEstimate() {
    SocFusion fusion = new SocFusion(COUNT_ONLY);
    fusion.accept(sample(0, -2.5), true);
    fusion.fuse(0.9f, true);
    fusion.accept(sample(1_000, -2.5), false);
    assertThat(fusion.started()).isTrue();

    fusion.accept(sample(3_600_000, -2.5), true);
    assertThat(fusion.started()).isFalse();
    assertThat(fusion.soc()).isNaN();
    assertThat(fusion.fuse(0.4f, true)).isEqualTo((double) 0.4f);
  }

  @Test
  void offReturnsTheClampedModelEstimate() {
    SocFusion fusion = new SocFusion(FusionParameters.OFF);
    fusion.accept(sample(0, -2.5), true);
    assertThat(fusion.fuse(1.02f, true)).isEqualTo(1.0);
    fusion.accept(sample(1_000, -2.5), false);
    assertThat(fusion.fuse(0.3f, false)).isEqualTo((double) 0.3f);
    assertThat(fusion.fuse(-0.01f, false)).isEqualTo(0.0);
  }

  @Test
  void encodeDecodeRoundTripContinuesIdentically() {
    FusionParameters parameters = new FusionParameters(CAPACITY, 1e-8, 1e-3, 1e-4, 4);
    SocFusion original = new SocFusion(parameters);
    ByteBuffer empty = ByteBuffer.allocate(SocFusion.ENCODED_SIZE);
    original.encode(empty);
    assertThat(empty.position()).isEqualTo(SocFusion.ENCODED_SIZE);
    Random random = new Random(3);
    for (int t = 0; t < 100; t++) {
      original.accept(sample(t * 1000L, -2 + random.nextDouble()), t == 0);
      original.fuse((float) (0.8 - t * 0.001), t < 50);
    }
    ByteBuffer bytes = ByteBuffer.allocate(SocFusion.ENCODED_SIZE);
    original.encode(bytes);
    assertThat(bytes.position()).isEqualTo(SocFusion.ENCODED_SIZE);
    bytes.flip();
    SocFusion copy = SocFusion.decode(parameters, bytes);
    assertThat(bytes.remaining()).isZero();
    for (int t = 100; t < 200; t++) {
      Sample s = sample(t * 1000L, -2 + random.nextDouble());
      original.accept(s, false);
      copy.accept(s, false);
      float model = (float) (0.7 - t * 0.0005);
      assertThat(copy.fuse(model, false)).isEqualTo(original.fuse(model, false));
    }
    assertThat(copy.variance()).isEqualTo(original.variance());
  }
}
