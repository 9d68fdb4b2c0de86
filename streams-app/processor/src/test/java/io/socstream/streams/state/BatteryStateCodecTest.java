package io.socstream.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.avro.EstimateStatus;
import io.socstream.avro.SocEstimate;
import io.socstream.core.estimate.FusedSoc;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureWindow;
import io.socstream.core.features.Sample;
import io.socstream.core.fusion.CapacityPoint;
import io.socstream.core.fusion.FusionParameters;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A battery's value round-trips, and the ops endpoint reads its estimate without the rest. */
class BatteryStateCodecTest {

  private static final FeatureSpec SPEC = new FeatureSpec(3, List.of(4), 5_000L, 1, true);

  private static final FusionParameters FUSION =
      new FusionParameters(
          List.of(new CapacityPoint(-10, 2.5, 3.0), new CapacityPoint(25, 2.5, 3.0)),
          1e-7,
          1e-3,
          1e-2,
          1);

  private static SocEstimate estimate(Double modelSoc) {
    return SocEstimate.newBuilder()
        .setBatteryId("bätt-1")
        .setTimestamp(Instant.ofEpochMilli(5_000))
        .setSoc(0.5)
        .setSocRaw(0.5000001)
        .setModelSoc(modelSoc)
        .setStatus(EstimateStatus.WARMING_UP)
        .setModelVersion("model-ü-7")
        .setWindowStart(Instant.ofEpochMilli(3_000))
        .setWindowEnd(Instant.ofEpochMilli(5_000))
        .setSamplesUsed(3)
        .setSegmentSamples(6)
        .setWarmupHorizonMs(4_000)
        .setInferenceBatchSize(17)
        .setProducedAt(Instant.ofEpochMilli(99_000))
        .build();
  }

  private static Sample sample(int n) {
    return new Sample(1000L * n, 3.7 + 0.01 * n, -1.5 + 0.1 * n, 25.0);
  }

  private static BatteryState stateAfter(BatteryStateCodec codec, int samples) {
    BatteryState state = codec.fresh();
    for (int n = 0; n < samples; n++) {
      state.estimator().accept(sample(n));
    }
    return state;
  }

  @Test
  void everyPartRoundTripsAndTheEstimatorGoesOnTheSame() {
    BatteryStateCodec codec = new BatteryStateCodec(SPEC, FUSION);
    BatteryState state = stateAfter(codec, 6);
    state.estimator().fuse(0.8f, state.estimator().features().currentWindow());
    state.hold(new Sample(60_000L, 3.9, -2.0, 26.5));
    state.markPending(41);
    state.setLatestEstimate(LatestEstimateCodec.encode(estimate(0.49)));

    byte[] bytes = codec.encode(state);
    BatteryState back = codec.decode(bytes);

    assertThat(back.held()).isEqualTo(new Sample(60_000L, 3.9, -2.0, 26.5));
    assertThat(back.pendingSeq()).isEqualTo(41);
    assertThat(BatteryStateCodec.isPending(bytes)).isTrue();
    FeatureWindow window = back.estimator().features().currentWindow();
    assertThat(window).isEqualTo(state.estimator().features().currentWindow());
    assertThat(window.endTimestampMs()).isEqualTo(5_000L);
    assertThat(window.segmentSamples()).isEqualTo(6);
    assertThat(LatestEstimateCodec.decode("bätt-1", BatteryStateCodec.latestEstimate(bytes)))
        .isEqualTo(estimate(0.49));
    // The decoded state (features and charge counting) goes on exactly as the original.
    state.estimator().accept(sample(6));
    back.estimator().accept(sample(6));
    FeatureWindow next = state.estimator().features().currentWindow();
    assertThat(back.estimator().features().currentWindow()).isEqualTo(next);
    FusedSoc original = state.estimator().fuse(0.75f, next);
    FusedSoc restored = back.estimator().fuse(0.75f, next);
    assertThat(restored).isEqualTo(original);
    assertThat(original.soc()).isNotEqualTo(original.modelSoc()); // fusion is on
  }

  @Test
  void aBareStateHasNoPendingWindowHeldSampleOrEstimate() {
    BatteryStateCodec codec = new BatteryStateCodec(SPEC, FusionParameters.OFF);
    byte[] bytes = codec.encode(stateAfter(codec, 2));
    BatteryState back = codec.decode(bytes);
    assertThat(back.isPending()).isFalse();
    assertThat(back.held()).isNull();
    assertThat(BatteryStateCodec.latestEstimate(bytes)).isNull();
    assertThat(back.estimator().features().currentWindow()).isNull();
    assertThat(back.estimator().features().lastTimestampMs()).isEqualTo(1_000L);
  }

  @Test
  void aMissingModelSocStaysMissing() {
    byte[] latest = LatestEstimateCodec.encode(estimate(null));
    assertThat(LatestEstimateCodec.decode("bätt-1", latest).getModelSoc()).isNull();
  }

  @Test
  void anUnknownVersionIsRefusedNamingIt() {
    BatteryStateCodec codec = new BatteryStateCodec(SPEC, FusionParameters.OFF);
    byte[] bytes = codec.encode(stateAfter(codec, 1));
    bytes[0] = 9;
    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("battery-state version 9");
  }
}
