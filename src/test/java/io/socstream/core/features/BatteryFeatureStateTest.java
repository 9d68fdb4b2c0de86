package io.socstream.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.core.data.Fixtures;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatteryFeatureStateTest {

  /** T = 3, one 4 s horizon in 2 s blocks, Δt on, gaps over 10 s restart the segment. */
  private static final FeatureSpec SPEC = new FeatureSpec(3, List.of(4), 10_000, 2, true);

  @Test
  void handComputedBlockMeansAndDeltaT() {
    BatteryFeatureState state = BatteryFeatureState.fresh(SPEC);
    // Blocks of 2 s: [0,2) [2,4) [4,6) ...; the 4 s mean covers the current block and the one
    // before it.
    state.accept(new Sample(1_000, 4.0, -1.0, 25.0)); // block 0
    state.accept(new Sample(1_500, 3.9, -2.0, 25.1)); // block 0
    FeatureUpdate third = state.accept(new Sample(3_000, 3.8, -3.0, 25.2)); // block 1
    FeatureUpdate fourth = state.accept(new Sample(4_000, 3.7, -1.0, 25.3)); // block 2

    // Means: t=1.0 {4.0}; t=1.5 {4.0,3.9}; t=3.0 blocks 0-1 {4.0,3.9,3.8}; t=4.0 blocks 1-2
    // {3.8,3.7} (block 0 has left the horizon although t - 1.5 s < 4 s).
    float[] r0 = {4.0f, -1.0f, 25.0f, 4.0f, -1.0f, 0f};
    float[] r1 = {3.9f, -2.0f, 25.1f, 3.95f, -1.5f, 0.5f};
    float[] r2 = {3.8f, -3.0f, 25.2f, (float) (1170000.0 / 3 / 100_000), -2.0f, 1.5f};
    float[] r3 = {3.7f, -1.0f, 25.3f, 3.75f, -2.0f, 1.0f};
    assertThat(third.outcome()).isEqualTo(SampleOutcome.ACCEPTED);
    assertThat(third.window())
        .isEqualTo(new FeatureWindow(1_000, 3_000, 3, true, new float[][] {r0, r1, r2}));
    assertThat(fourth.window())
        .isEqualTo(new FeatureWindow(1_500, 4_000, 4, true, new float[][] {r1, r2, r3}));
    assertThat(state.currentWindow()).isEqualTo(fourth.window());
    assertThat(SPEC.featureNames())
        .containsExactly(
            "voltage", "current", "temperature", "voltage_mean_4s", "current_mean_4s", "delta_t_s");
  }

  @Test
  void outcomesCountersAndGapRestart() {
    BatteryFeatureState state = BatteryFeatureState.fresh(SPEC);
    assertThat(state.isEmpty()).isTrue();
    assertThat(state.currentWindow()).isNull();
    state.accept(new Sample(1_000, 4.0, -1.0, 25.0));
    state.accept(new Sample(2_000, 4.0, -1.0, 25.0));
    assertThat(state.accept(new Sample(2_000, 4.0, -1.0, 25.0)).outcome())
        .isEqualTo(SampleOutcome.DUPLICATE);
    assertThat(state.accept(new Sample(1_500, 4.0, -1.0, 25.0)).outcome())
        .isEqualTo(SampleOutcome.OUT_OF_ORDER);
    assertThat(state.accept(new Sample(2_500, Double.NaN, -1.0, 25.0)).outcome())
        .isEqualTo(SampleOutcome.INVALID);
    assertThat(state.accept(new Sample(3_000, 4.0, -1.0, 25.0)).hasWindow()).isTrue();

    FeatureUpdate afterGap = state.accept(new Sample(20_000, 3.0, -5.0, 20.0));
    assertThat(afterGap.outcome()).isEqualTo(SampleOutcome.ACCEPTED_AFTER_GAP);
    assertThat(afterGap.hasWindow()).isFalse();
    assertThat(state.currentWindow()).isNull();
    state.accept(new Sample(21_000, 3.0, -5.0, 20.0));
    FeatureWindow w = state.accept(new Sample(23_000, 3.0, -5.0, 20.0)).window();
    // The old segment's blocks are gone: the means are the new segment's own values; Δt restarts.
    assertThat(w.features()[0]).containsExactly(3.0f, -5.0f, 20.0f, 3.0f, -5.0f, 0f);
    assertThat(w.features()[2]).containsExactly(3.0f, -5.0f, 20.0f, 3.0f, -5.0f, 2.0f);
    assertThat(state.acceptedCount()).isEqualTo(6);
    assertThat(state.duplicateCount()).isEqualTo(1);
    assertThat(state.outOfOrderCount()).isEqualTo(1);
    assertThat(state.invalidCount()).isEqualTo(1);
    assertThat(state.gapRestartCount()).isEqualTo(1);
    assertThat(state.lastTimestampMs()).isEqualTo(23_000);
    assertThat(state.segmentStartMs()).isEqualTo(20_000);
  }

  @Test
  void encodedSizeIsConstantAndSmallForTheShippedSpec() {
    FeatureSpec spec = FeatureSpec.defaults();
    int size = BatteryFeatureState.encodedSize(spec);
    // 13 preamble + 72 scalars + 50 blocks x 20 + 30 steps x 32 = 2,045 bytes.
    assertThat(size).isEqualTo(2_045).isLessThanOrEqualTo(8_192);
    BatteryFeatureState state = BatteryFeatureState.fresh(spec);
    assertThat(encode(state)).hasSize(size);
    for (Sample s : Fixtures.load(Fixtures.MIXED1_25C).samples()) {
      state.accept(s);
    }
    assertThat(encode(state)).hasSize(size);
  }

  @Test
  void decodeContinuesBitForBit() {
    FeatureSpec spec = FeatureSpec.defaults();
    List<Sample> samples = Fixtures.load(Fixtures.MIXED1_N10C).samples();
    BatteryFeatureState straight = BatteryFeatureState.fresh(spec);
    BatteryFeatureState resumed = BatteryFeatureState.fresh(spec);
    for (Sample s : samples) {
      FeatureUpdate a = straight.accept(s);
      resumed = BatteryFeatureState.decode(spec, ByteBuffer.wrap(encode(resumed)));
      FeatureUpdate b = resumed.accept(s);
      assertThat(b).isEqualTo(a);
    }
    assertThat(encode(resumed)).isEqualTo(encode(straight));
  }

  @Test
  void refusesLegacySpecsAndBytesOfAnotherSpec() {
    assertThatThrownBy(() -> BatteryFeatureState.fresh(new FeatureSpec(30, List.of(500), 60_000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blockSeconds 0");
    byte[] bytes = encode(BatteryFeatureState.fresh(FeatureSpec.defaults()));
    FeatureSpec longer = new FeatureSpec(60, List.of(500), 60_000, 10, true);
    assertThatThrownBy(() -> BatteryFeatureState.decode(longer, ByteBuffer.wrap(bytes)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another feature spec");
  }

  private static byte[] encode(BatteryFeatureState state) {
    ByteBuffer out = ByteBuffer.allocate(BatteryFeatureState.encodedSize(state.spec()));
    state.encode(out);
    assertThat(out.remaining()).isZero();
    return out.array();
  }
}
