package io.socstream.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepLogFeatureStateTest {

  /** T = 3, one 2 s horizon, gaps over 10 s restart the segment. */
  private static final FeatureSpec SPEC = new FeatureSpec(3, List.of(2), 10_000);

  private static final Sample S0 = new Sample(1_000, 4.0, -1.0, 25.0);
  private static final Sample S1 = new Sample(1_500, 3.9, -2.0, 25.1);
  private static final Sample S2 = new Sample(2_500, 3.8, -3.0, 25.2);
  private static final Sample S3 = new Sample(3_500, 3.7, -1.0, 25.3);

  private static StepLogFeatureState fresh() {
    return StepLogFeatureState.fresh(SPEC, new InMemoryStepLog());
  }

  @Test
  void handComputedFeaturesAndWarmUp() {
    StepLogFeatureState state = fresh();

    assertThat(state.accept(S0)).isEqualTo(new FeatureUpdate(SampleOutcome.ACCEPTED, null));
    assertThat(state.accept(S1).hasWindow()).isFalse();
    FeatureUpdate third = state.accept(S2);
    FeatureUpdate fourth = state.accept(S3);

    // Means over (t - 2 s, t]:
    //   t=1.0: {S0}            V 4.0                 I -1.0
    //   t=1.5: {S0,S1}         V 3.95                I -1.5
    //   t=2.5: {S0,S1,S2}      V (4+3.9+3.8)/3 = 3.9 I -2.0
    //   t=3.5: {S2,S3}         V 3.75                I -2.0   (S1 at exactly t-2 s is out)
    float[] r0 = {4.0f, -1.0f, 25.0f, 4.0f, -1.0f};
    float[] r1 = {3.9f, -2.0f, 25.1f, 3.95f, -1.5f};
    float[] r2 = {3.8f, -3.0f, 25.2f, 3.9f, -2.0f};
    float[] r3 = {3.7f, -1.0f, 25.3f, 3.75f, -2.0f};
    assertThat(third.outcome()).isEqualTo(SampleOutcome.ACCEPTED);
    // 2.5 s - 1.0 s = 1.5 s < 2 s: the 2 s mean does not yet cover its horizon.
    assertThat(third.window())
        .isEqualTo(new FeatureWindow(1_000, 2_500, 3, true, new float[][] {r0, r1, r2}));
    // 3.5 s - 1.0 s = 2.5 s >= 2 s: warmed up.
    assertThat(fourth.window())
        .isEqualTo(new FeatureWindow(1_500, 3_500, 4, false, new float[][] {r1, r2, r3}));
    assertThat(SPEC.featureNames())
        .containsExactly("voltage", "current", "temperature", "voltage_mean_2s", "current_mean_2s");
  }

  @Test
  void duplicatesAndOutOfOrderSamplesAreDroppedAndCounted() {
    StepLogFeatureState state = fresh();
    state.accept(S0);
    state.accept(S1);

    assertThat(state.accept(new Sample(1_500, 9.9, 9.9, 99)).outcome())
        .isEqualTo(SampleOutcome.DUPLICATE);
    assertThat(state.accept(new Sample(1_200, 9.9, 9.9, 99)).outcome())
        .isEqualTo(SampleOutcome.OUT_OF_ORDER);
    FeatureUpdate update = state.accept(S2);

    // The dropped samples left no trace: same window as without them.
    StepLogFeatureState clean = fresh();
    clean.accept(S0);
    clean.accept(S1);
    assertThat(update.window()).isEqualTo(clean.accept(S2).window());
    StateHeader h = state.header();
    assertThat(h.acceptedCount()).isEqualTo(3);
    assertThat(h.duplicateCount()).isEqualTo(1);
    assertThat(h.outOfOrderCount()).isEqualTo(1);
    assertThat(h.gapRestartCount()).isZero();
  }

  @Test
  void gapLongerThanMaxRestartsTheSegmentAndWarmUp() {
    StepLogFeatureState state = fresh();
    for (Sample s : List.of(S0, S1, S2, S3)) {
      state.accept(s);
    }

    // Exactly maxGapMs is still the same segment.
    assertThat(state.accept(new Sample(13_500, 3.6, -1.0, 25.0)).outcome())
        .isEqualTo(SampleOutcome.ACCEPTED);
    List<FeatureUpdate> after = new ArrayList<>();
    after.add(state.accept(new Sample(23_501, 3.5, -0.5, 25.0)));
    after.add(state.accept(new Sample(24_000, 3.4, -0.7, 25.1)));
    after.add(state.accept(new Sample(25_000, 3.3, -0.9, 25.2)));

    assertThat(after.get(0).outcome()).isEqualTo(SampleOutcome.ACCEPTED_AFTER_GAP);
    assertThat(after.get(0).hasWindow()).isFalse();
    assertThat(after.get(1).hasWindow()).isFalse();
    // The new segment's means never reach back before the gap.
    float[][] expected = {
      {3.5f, -0.5f, 25.0f, 3.5f, -0.5f},
      {3.4f, -0.7f, 25.1f, 3.45f, -0.6f},
      {3.3f, -0.9f, 25.2f, 3.4f, -0.7f},
    };
    assertThat(after.get(2).window())
        .isEqualTo(new FeatureWindow(23_501, 25_000, 3, true, expected));
    StateHeader h = state.header();
    assertThat(h.gapRestartCount()).isEqualTo(1);
    assertThat(h.acceptedCount()).isEqualTo(8);
    assertThat(h.segmentStartMs()).isEqualTo(23_501);
    assertThat(h.segmentSamples()).isEqualTo(3);
  }

  @Test
  void invalidValuesAreDroppedAndCounted() {
    StepLogFeatureState state = fresh();

    assertThat(state.accept(new Sample(1_000, Double.NaN, 0, 25)).outcome())
        .isEqualTo(SampleOutcome.INVALID);
    assertThat(state.accept(new Sample(1_000, 4.0, Double.POSITIVE_INFINITY, 25)).outcome())
        .isEqualTo(SampleOutcome.INVALID);
    assertThat(state.accept(new Sample(1_000, 4.0, 0, 1e9)).outcome())
        .isEqualTo(SampleOutcome.INVALID);
    assertThat(state.accept(S0).outcome()).isEqualTo(SampleOutcome.ACCEPTED);
    assertThat(state.header().invalidCount()).isEqualTo(3);
    assertThat(state.header().acceptedCount()).isEqualTo(1);
  }

  @Test
  void retainsOnlyWhatTheWindowOrAHorizonNeeds() {
    InMemoryStepLog log = new InMemoryStepLog();
    StepLogFeatureState state =
        StepLogFeatureState.fresh(new FeatureSpec(3, List.of(10), 60_000), log);
    for (int k = 0; k < 100; k++) {
      state.accept(new Sample(1_000L * k, 4.0, -1.0, 25.0));
    }
    // 10 s horizon at 1 Hz: the steps at t-9 s .. t.
    assertThat(log.size()).isEqualTo(10);
    assertThat(state.header().oldestRetainedSeq()).isEqualTo(90);

    StepLogFeatureState noHorizon =
        StepLogFeatureState.fresh(new FeatureSpec(4, List.of(), 60_000), new InMemoryStepLog());
    FeatureUpdate last = null;
    for (int k = 0; k < 10; k++) {
      last = noHorizon.accept(new Sample(1_000L * k, 4.0, -1.0, 25.0));
    }
    assertThat(last.window().warmingUp()).isFalse();
    assertThat(last.window().features()[0]).containsExactly(4.0f, -1.0f, 25.0f);
  }
}
