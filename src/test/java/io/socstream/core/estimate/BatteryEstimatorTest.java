package io.socstream.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureUpdate;
import io.socstream.core.features.Sample;
import io.socstream.core.features.SampleOutcome;
import io.socstream.core.fusion.CapacityPoint;
import io.socstream.core.fusion.FusionParameters;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatteryEstimatorTest {

  private static final FeatureSpec SPEC = new FeatureSpec(3, List.of(5), 60_000L, 1, true);
  private static final FusionParameters FUSION =
      new FusionParameters(List.of(new CapacityPoint(25, 3.0, 3.0)), 1e-8, 1e-3, 1e-4, 4);

  private static Sample sample(long tMs, double current) {
    return new Sample(tMs, 3.6 + 0.0001 * (tMs % 7_000), current, 25.0);
  }

  /** A stand-in model: a slightly wrong SOC, derived from the window's time only. */
  private static float model(long tMs) {
    return (float) (0.9 - tMs / 3_600_000.0 * 0.3 + 0.01 * Math.sin(tMs / 50_000.0));
  }

  private static List<FusedSoc> run(BatteryEstimator estimator, List<Sample> samples) {
    List<FusedSoc> out = new ArrayList<>();
    for (Sample s : samples) {
      FeatureUpdate update = estimator.accept(s);
      if (update.hasWindow()) {
        out.add(estimator.fuse(model(update.window().endTimestampMs()), update.window()));
      }
    }
    return out;
  }

  @Test
  void aGapRestartsTheFilterFromTheModelsFirstEstimateOfTheNewSegment() {
    BatteryEstimator estimator = BatteryEstimator.fresh(SPEC, FUSION);
    List<Sample> before = new ArrayList<>();
    for (int t = 0; t < 600; t++) {
      before.add(sample(t * 1000L, -0.9));
    }
    List<FusedSoc> first = run(estimator, before);
    assertThat(first.get(0).soc()).isEqualTo(first.get(0).modelSoc());
    assertThat(first.get(first.size() - 1).soc())
        .isNotEqualTo(first.get(first.size() - 1).modelSoc());

    long restart = 599_000 + 120_000;
    assertThat(estimator.accept(sample(restart, -0.9)).outcome())
        .isEqualTo(SampleOutcome.ACCEPTED_AFTER_GAP);
    assertThat(estimator.fusion().started()).isFalse();
    estimator.accept(sample(restart + 1000, -0.9));
    FeatureUpdate third = estimator.accept(sample(restart + 2000, -0.9));
    assertThat(third.hasWindow()).isTrue();
    FusedSoc fused = estimator.fuse(model(restart + 2000), third.window());
    assertThat(fused.soc()).isEqualTo(fused.modelSoc());
    assertThat(fused.modelSoc()).isEqualTo((double) model(restart + 2000));
  }

  @Test
  void encodeDecodeMidStreamGivesTheSameEstimatesAsAnUninterruptedRun() {
    List<Sample> samples = new ArrayList<>();
    for (int t = 0; t < 400; t++) {
      samples.add(sample(t * 2000L + (t % 3) * 100L, -1.5 + 0.5 * Math.sin(t)));
    }
    List<FusedSoc> uninterrupted = run(BatteryEstimator.fresh(SPEC, FUSION), samples);

    BatteryEstimator first = BatteryEstimator.fresh(SPEC, FUSION);
    List<FusedSoc> resumed = new ArrayList<>(run(first, samples.subList(0, 157)));
    ByteBuffer bytes = ByteBuffer.allocate(first.encodedSize());
    first.encode(bytes);
    assertThat(bytes.position()).isEqualTo(first.encodedSize());
    bytes.flip();
    BatteryEstimator second = BatteryEstimator.decode(SPEC, FUSION, bytes);
    assertThat(bytes.remaining()).isZero();
    resumed.addAll(run(second, samples.subList(157, samples.size())));

    assertThat(resumed).isEqualTo(uninterrupted);
  }

  @Test
  void fusingAWindowAfterTheNextAcceptIsRefused() {
    BatteryEstimator estimator = BatteryEstimator.fresh(SPEC, FUSION);
    estimator.accept(sample(0, -1));
    estimator.accept(sample(1000, -1));
    FeatureUpdate update = estimator.accept(sample(2000, -1));
    estimator.accept(sample(3000, -1));
    assertThatThrownBy(() -> estimator.fuse(0.5f, update.window()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before the battery's next accept");
  }

  @Test
  void withoutFusionTheFusedSocIsTheClampedModelOutput() {
    BatteryEstimator estimator = BatteryEstimator.fresh(SPEC, FusionParameters.OFF);
    estimator.accept(sample(0, -1));
    estimator.accept(sample(1000, -1));
    FeatureUpdate update = estimator.accept(sample(2000, -1));
    FusedSoc fused = estimator.fuse(1.03f, update.window());
    assertThat(fused).isEqualTo(new FusedSoc(1.0, 1.0, 1.03f));
  }

  @Test
  void droppedSamplesDoNotCountCharge() {
    FusionParameters countOnly =
        new FusionParameters(List.of(new CapacityPoint(25, 3.0, 3.0)), 1e-12, 1e6, 1e-4, 1);
    BatteryEstimator estimator = BatteryEstimator.fresh(SPEC, countOnly);
    FusedSoc last = null;
    for (int t = 0; t < 10; t++) {
      FeatureUpdate update = estimator.accept(sample(t * 1000L, -3.0));
      if (update.hasWindow()) {
        last = estimator.fuse(0.5f, update.window());
      }
      // A duplicate with a huge current must change nothing.
      assertThat(estimator.accept(sample(t * 1000L, -300.0)).outcome())
          .isEqualTo(SampleOutcome.DUPLICATE);
    }
    // 8 fused windows after the first (t = 2 s): counting 3 A over 7 s pulls below the model.
    assertThat(last.soc()).isCloseTo(0.5 - 3.0 * 7 / 3600 / 3.0, within(1e-5));
  }
}
