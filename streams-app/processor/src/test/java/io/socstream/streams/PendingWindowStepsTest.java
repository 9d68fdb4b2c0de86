package io.socstream.streams;

import static io.socstream.streams.TopologyFixture.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureStateCodec;
import io.socstream.core.inference.RunnerOptions;
import io.socstream.core.inference.SavedModelRunner;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.core.inference.TinyModelFactory;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.features.HeldJump;
import io.socstream.streams.inference.PendingWindowCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pending windows are references into the {@code feature-steps} store, so (1) a window's steps must
 * still be there when it is flushed, however large B and the linger are and however short the
 * horizons, and (2) what the processors write per record does not grow with the window length T.
 */
class PendingWindowStepsTest {

  /** 2 s horizon, 1 s spacing: a step leaves the horizon two samples later; gap over 5 s. */
  private static FeatureSpec spec(int windowLength) {
    return new FeatureSpec(windowLength, List.of(2), 5_000L);
  }

  @TempDir Path dir;

  /** One battery, 1 s spacing, with one 10 s gap (a new segment deletes all earlier steps). */
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

  private record Run(List<SocEstimate> estimates, Map<String, TreeSet<Integer>> writeSizes) {}

  private Run run(int windowLength, String batchSize, String lingerMs, int samples) {
    Path modelDir = dir.resolve("model-t" + windowLength);
    if (!modelDir.toFile().exists()) {
      TinyModelFactory.export(modelDir, spec(windowLength));
    }
    Map<String, String> settings =
        Map.of(SocStreamsConfig.BATCH_SIZE, batchSize, SocStreamsConfig.LINGER_MS, lingerMs);
    try (SavedModelRunner runner = SavedModelRunner.open(modelDir, RunnerOptions.defaults());
        TopologyFixture f =
            TopologyFixture.start(
                dir.resolve("state-" + UUID.randomUUID()),
                settings,
                SavedModelSocModel.of(runner),
                "t-" + UUID.randomUUID())) {
      input(samples).forEach(f::pipe);
      f.driver.advanceWallClockTime(Duration.ofMillis(Long.parseLong(lingerMs) + 1));
      KeyValueStore<Long, byte[]> pending =
          f.driver.getKeyValueStore(TopologyNames.PENDING_WINDOWS_STORE);
      assertThat(pending.approximateNumEntries()).isZero();
      assertThat(f.deadLetters()).isEmpty();
      // What reaches the changelogs: the values written (the record cache keeps only the last write
      // of a key per commit; the test driver commits after every input record).
      Map<String, TreeSet<Integer>> sizes = new java.util.HashMap<>();
      for (String store : TopologyNames.STORES) {
        String topic = f.config.applicationId() + "-" + store + "-changelog";
        TreeSet<Integer> values = new TreeSet<>();
        int tombstones = 0;
        for (TestRecord<byte[], byte[]> r :
            f.driver
                .createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList()) {
          if (r.value() != null) {
            values.add(r.value().length);
          } else {
            tombstones++;
          }
        }
        if (store.equals(TopologyNames.PENDING_WINDOWS_STORE) && lingerMs.equals("0")) {
          // With L = 0 a window is put and deleted within its input record: the cache turns the
          // pair into one delete, so only tombstones reach the changelog.
          assertThat(values).as("puts to %s", store).isEmpty();
          assertThat(tombstones).as("deletes in %s", store).isPositive();
        } else {
          assertThat(values).as("puts to %s", store).isNotEmpty();
        }
        sizes.put(store, values);
      }
      return new Run(f.estimates(), sizes);
    }
  }

  @Test
  void largeBatchAndLingerWithAShortHorizonGiveTheSameEstimatesAsBatchOne() {
    int samples = 40;
    Run b1 = run(3, "1", "0", samples);
    Run lingering = run(3, "4096", "3600000", samples);

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
    // With a 2 s horizon every sample evicts the first step of the window before it, so every
    // window but the very last is flushed by an eviction (at the next sample, or at the gap, which
    // deletes the whole old segment), never by the hour-long linger.
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
  void bytesWrittenPerRecordDoNotDependOnTheWindowLength() {
    int samples = 150;
    Run short3 = run(3, "4096", "3600000", samples);
    Run long60 = run(60, "4096", "3600000", samples);

    assertThat(long60.estimates()).hasSize(2 * (samples / 2 - 60 + 1));
    for (Map.Entry<String, TreeSet<Integer>> entry : short3.writeSizes().entrySet()) {
      String store = entry.getKey();
      // The same value (and key) sizes for T = 3 and T = 60.
      assertThat(entry.getValue()).as(store).isEqualTo(long60.writeSizes().get(store));
      if (!store.equals(TopologyNames.LATEST_SOC_STORE)
          && !store.equals(TopologyNames.FEATURE_STEPS_STORE)) {
        // Fixed-width encodings: one value size per store.
        assertThat(entry.getValue()).as(store).hasSize(1);
      }
    }
    // Avro varints: the estimate's size varies by a byte or two with the values (segment_samples
    // passing 63), not with T.
    TreeSet<Integer> avroSizes = short3.writeSizes().get(TopologyNames.LATEST_SOC_STORE);
    assertThat(avroSizes.last() - avroSizes.first()).isLessThanOrEqualTo(2);
    assertThat(short3.writeSizes().get(TopologyNames.FEATURE_HEADER_STORE))
        .containsExactly(FeatureStateCodec.headerSize(1));
    // Steps, and the sample that jumps across the gap, held until the next one confirms it.
    assertThat(short3.writeSizes().get(TopologyNames.FEATURE_STEPS_STORE))
        .containsExactlyInAnyOrder(FeatureStateCodec.stepSize(1), HeldJump.SIZE);
    assertThat(short3.writeSizes().get(TopologyNames.PENDING_WINDOWS_STORE))
        .containsExactly(PendingWindowCodec.size(1));
  }
}
