package io.socstream.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.avro.EstimateStatus;
import io.socstream.avro.SocEstimate;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureWindow;
import io.socstream.core.features.Sample;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A battery's value round-trips, and the ops endpoint reads its estimate without the rest. */
class BatteryStateCodecTest {

  private static final FeatureSpec SPEC = new FeatureSpec(3, List.of(4), 5_000L);

  private static SocEstimate estimate() {
    return SocEstimate.newBuilder()
        .setBatteryId("bätt-1")
        .setTimestamp(Instant.ofEpochMilli(5_000))
        .setSoc(0.5)
        .setSocRaw(0.5000001)
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

  private static BatteryState stateAfter(int samples) {
    BatteryState state = BatteryState.fresh(BatteryEstimator.fresh(SPEC));
    for (int n = 0; n < samples; n++) {
      state.estimator().accept(new Sample(1000L * n, 3.7 + 0.01 * n, -1.5 + 0.1 * n, 25.0));
    }
    return state;
  }

  @Test
  void everyPartRoundTripsAndTheWindowIsRebuiltTheSame() {
    BatteryState state = stateAfter(6);
    state.hold(new Sample(60_000L, 3.9, -2.0, 26.5));
    state.markPending(41);
    state.setLatestEstimate(LatestEstimateCodec.encode(estimate()));

    byte[] bytes = BatteryStateCodec.encode(state);
    BatteryState back = BatteryStateCodec.decode(SPEC, bytes);

    assertThat(back.held()).isEqualTo(new Sample(60_000L, 3.9, -2.0, 26.5));
    assertThat(back.pendingSeq()).isEqualTo(41);
    assertThat(BatteryStateCodec.isPending(bytes)).isTrue();
    FeatureWindow window = back.estimator().features().currentWindow();
    assertThat(window).isEqualTo(state.estimator().features().currentWindow());
    assertThat(window.endTimestampMs()).isEqualTo(5_000L);
    assertThat(window.segmentSamples()).isEqualTo(6);
    assertThat(LatestEstimateCodec.decode("bätt-1", BatteryStateCodec.latestEstimate(bytes)))
        .isEqualTo(estimate());
    // The decoded state goes on exactly as the original.
    Sample next = new Sample(6_000L, 3.8, -1.0, 25.0);
    state.estimator().accept(next);
    back.estimator().accept(next);
    assertThat(back.estimator().features().currentWindow())
        .isEqualTo(state.estimator().features().currentWindow());
  }

  @Test
  void aBareStateHasNoPendingWindowHeldSampleOrEstimate() {
    byte[] bytes = BatteryStateCodec.encode(stateAfter(2));
    BatteryState back = BatteryStateCodec.decode(SPEC, bytes);
    assertThat(back.isPending()).isFalse();
    assertThat(back.held()).isNull();
    assertThat(BatteryStateCodec.latestEstimate(bytes)).isNull();
    assertThat(back.estimator().features().currentWindow()).isNull();
    assertThat(back.estimator().features().lastTimestampMs()).isEqualTo(1_000L);
  }

  @Test
  void anUnknownVersionIsRefusedNamingIt() {
    byte[] bytes = BatteryStateCodec.encode(stateAfter(1));
    bytes[0] = 9;
    assertThatThrownBy(() -> BatteryStateCodec.decode(SPEC, bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("battery-state version 9");
  }
}
