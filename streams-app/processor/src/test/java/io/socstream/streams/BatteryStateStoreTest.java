package io.socstream.streams;

import static io.socstream.streams.TopologyFixture.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.fusion.FusionParameters;
import io.socstream.core.inference.RunnerOptions;
import io.socstream.core.inference.SavedModelRunner;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.core.inference.TinyModelFactory;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.state.BatteryStateCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine keeps one value per battery in one store: (1) a pending window is rebuilt from the
 * battery's state at flush time, so however large B and the linger are, the estimates are those of
 * B = 1; (2) the changelog gets at most one record per battery and commit; (3) a battery's value
 * stays small (≤ 8 KB with the shipped model's spec, T = 30 and a 500 s horizon, at 1 Hz).
 */
class BatteryStateStoreTest {

  /** 2 s horizon, 1 s spacing: a step leaves the horizon two samples later; gap over 5 s. */
  private static FeatureSpec spec(int windowLength) {
    return new FeatureSpec(windowLength, List.of(2), 5_000L, 1, true);
  }

  @TempDir Path dir;

  /** One battery, 1 s spacing, with one 10 s gap (a new segment). */
  private static List<Telemetry> input(int count) {
    List<Telemetry> input = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      Telemetry t = step("A", n);
      if (n >= count / 2) {
        t.setTimestamp(t.getTimestamp().plusSeconds(10));
      }
      input.add(t);
    }
    return input;
  }

  private record Run(List<SocEstimate> estimates, List<KeyValue<String, byte[]>> changelog) {}

  private Run run(FeatureSpec spec, String batchSize, String lingerMs, List<Telemetry> input) {
    Path modelDir = dir.resolve("model-" + UUID.randomUUID());
    TinyModelFactory.export(modelDir, spec);
    Map<String, String> settings =
        Map.of(SocStreamsConfig.BATCH_SIZE, batchSize, SocStreamsConfig.LINGER_MS, lingerMs);
    try (SavedModelRunner runner = SavedModelRunner.open(modelDir, RunnerOptions.defaults());
        TopologyFixture f =
            TopologyFixture.start(
                dir.resolve("state-" + UUID.randomUUID()),
                settings,
                SavedModelSocModel.of(runner),
                "t-" + UUID.randomUUID())) {
      input.forEach(f::pipe);
      f.driver.advanceWallClockTime(Duration.ofMillis(Long.parseLong(lingerMs) + 1));
      assertThat(f.pendingBatteries()).isEmpty();
      assertThat(f.deadLetters()).isEmpty();
      assertThat(f.driver.producedTopicNames())
          .filteredOn(topic -> topic.endsWith("-changelog"))
          .containsExactly(
              f.config.applicationId() + "-" + TopologyNames.BATTERY_STATE_STORE + "-changelog");
      List<KeyValue<String, byte[]>> changelog =
          f.driver
              .createOutputTopic(
                  f.config.applicationId() + "-" + TopologyNames.BATTERY_STATE_STORE + "-changelog",
                  new StringDeserializer(),
                  new ByteArrayDeserializer())
              .readKeyValuesToList();
      return new Run(f.estimates(), changelog);
    }
  }

  @Test
  void largeBatchAndLingerWithAShortHorizonGiveTheSameEstimatesAsBatchOne() {
    int samples = 40;
    Run b1 = run(spec(3), "1", "0", input(samples));
    Run lingering = run(spec(3), "4096", "3600000", input(samples));

    // Two segments of 20 samples, T = 3: 18 windows each.
    assertThat(b1.estimates()).hasSize(2 * (samples / 2 - 3 + 1));
    assertThat(lingering.estimates()).hasSameSizeAs(b1.estimates());
    for (int i = 0; i < b1.estimates().size(); i++) {
      SocEstimate a = lingering.estimates().get(i);
      SocEstimate e = b1.estimates().get(i);
      assertThat(a.getWindowStart()).isEqualTo(e.getWindowStart());
      assertThat(a.getWindowEnd()).isEqualTo(e.getWindowEnd());
      assertThat(a.getSegmentSamples()).isEqualTo(e.getSegmentSamples());
      assertThat(a.getStatus()).isEqualTo(e.getStatus());
      assertThat(a.getSocRaw()).isCloseTo(e.getSocRaw(), within(1e-6));
      assertThat(a.getSoc()).isCloseTo(e.getSoc(), within(1e-6));
    }
    // One battery: every window but the very last is flushed when the battery's next sample is
    // accepted (across the gap: when the next sample confirms the held jump), never by the
    // hour-long linger.
    List<SocEstimate> out = lingering.estimates();
    assertThat(out.subList(0, out.size() - 1))
        .allMatch(e -> e.getProducedAt().equals(TopologyFixture.WALL_CLOCK))
        .allMatch(e -> e.getInferenceBatchSize() == 1);
    assertThat(out.get(out.size() - 1).getProducedAt())
        .isAfterOrEqualTo(TopologyFixture.WALL_CLOCK.plusMillis(3_600_000));
    // The estimates are not all the same (the tiny model does not saturate on these inputs).
    assertThat(b1.estimates().stream().map(SocEstimate::getSocRaw).distinct().count())
        .isGreaterThan(10);
  }

  @Test
  void theChangelogGetsOneRecordPerBatteryAndCommit() {
    List<Telemetry> input = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      for (String battery : List.of("A", "B", "C")) {
        input.add(step(battery, n));
      }
    }
    Run run = run(TestModels.SPEC, "64", "50", input);

    // The test driver commits after every input record, and the cache sends each battery's last
    // write of the commit. A record writes its battery's value; from second 5 on, A's record first
    // flushes the windows of A, B and C of the second before (writing B and C too; A's writes
    // merge). So 3 records per second for seconds 0..4, 5 for 5..19, and 3 more at the final
    // punctuation: 93 for 60 input records.
    assertThat(run.estimates()).hasSize(3 * 16);
    assertThat(run.changelog()).hasSize(5 * 3 + 15 * 5 + 3);
    assertThat(run.changelog()).extracting(kv -> kv.key).containsOnly("A", "B", "C");
    assertThat(run.changelog()).allMatch(kv -> kv.value != null);
    // Every value decodes; the last of each battery holds its newest estimate and nothing pending.
    for (String battery : List.of("A", "B", "C")) {
      byte[] last =
          run.changelog().stream()
              .filter(kv -> kv.key.equals(battery))
              .reduce((x, y) -> y)
              .orElseThrow()
              .value;
      assertThat(BatteryStateCodec.isPending(last)).isFalse();
      var features =
          new BatteryStateCodec(TestModels.SPEC, FusionParameters.OFF)
              .decode(last)
              .estimator()
              .features();
      assertThat(features.lastTimestampMs()).isEqualTo(TopologyFixture.T0 + 19_000);
      assertThat(BatteryStateCodec.latestEstimate(last)).isNotNull();
    }
  }

  @Test
  void aBatterysValueStaysUnder8KiBWithTheShippedSpec() {
    FeatureSpec shipped = FeatureSpec.defaults();
    List<Telemetry> input = new ArrayList<>();
    for (int n = 0; n < 700; n++) { // past the 500 s horizon: the state's steady size
      input.add(step("battery-0001", n));
    }
    Run run = run(shipped, "64", "50", input);

    assertThat(run.estimates()).hasSize(700 - shipped.windowLength() + 1);
    int largest = 0;
    for (KeyValue<String, byte[]> kv : run.changelog()) {
      largest = Math.max(largest, kv.key.getBytes(StandardCharsets.UTF_8).length + kv.value.length);
    }
    assertThat(largest).isLessThanOrEqualTo(8192);
  }
}
