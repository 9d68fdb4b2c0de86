package io.socstream.streams;

import static io.socstream.streams.TopologyFixture.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.streams.config.SocStreamsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How windows are grouped into model calls changes when estimates come out, never what they are: B
 * = 1 and B = 64, with and without linger, give the same estimates (to 1e-6). See {@link
 * PendingWindowStepsTest} for windows whose steps are about to be evicted.
 */
class BatchingTest {

  @TempDir Path stateDir;

  private static List<Telemetry> input() {
    List<Telemetry> input = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      for (String battery : List.of("A", "B", "C")) {
        input.add(step(battery, n));
      }
    }
    return input;
  }

  /** Pipes the input, then lets the wall clock pass {@code linger} so pending windows flush. */
  private List<SocEstimate> run(String batchSize, String lingerMs, String subDir) {
    Map<String, String> settings =
        Map.of(SocStreamsConfig.BATCH_SIZE, batchSize, SocStreamsConfig.LINGER_MS, lingerMs);
    try (TopologyFixture f = TopologyFixture.start(stateDir.resolve(subDir), settings)) {
      input().forEach(f::pipe);
      f.driver.advanceWallClockTime(Duration.ofMillis(Math.max(1, Long.parseLong(lingerMs))));
      List<SocEstimate> out = f.estimates();
      KeyValueStore<Long, byte[]> pending =
          f.driver.getKeyValueStore(TopologyNames.PENDING_WINDOWS_STORE);
      assertThat(pending.approximateNumEntries()).as("pending after the flush").isZero();
      return out;
    }
  }

  @Test
  void batchSizeAndLingerDoNotChangeTheEstimates() {
    List<SocEstimate> b1 = run("1", "0", "b1");
    List<SocEstimate> b64 = run("64", "0", "b64");
    List<SocEstimate> b64Linger = run("64", "50", "b64-linger");
    List<SocEstimate> b7Linger = run("7", "50", "b7-linger");

    assertThat(b1).hasSize(3 * (20 - TestModels.SPEC.windowLength() + 1));
    assertThat(b1).allMatch(e -> e.getInferenceBatchSize() == 1);
    // Linger: windows wait for the punctuation (48 < 64) unless a sample is about to evict a step
    // a pending window needs. T = 5, a 10 s horizon, 1 s spacing: the window of steps 0..4 loses
    // step 0 when sample 10 arrives, so A's 11th sample flushes the 18 windows ending at 4..9 of
    // A, B and C first; A's 17th flushes the next 18; the last 12 go on the punctuation.
    assertThat(b64Linger)
        .extracting(SocEstimate::getInferenceBatchSize)
        .containsExactlyElementsOf(batchSizes(18, 18, 12));
    assertThat(b64Linger.get(0).getProducedAt()).isEqualTo(TopologyFixture.WALL_CLOCK);
    assertThat(b64Linger.get(47).getProducedAt())
        .isEqualTo(TopologyFixture.WALL_CLOCK.plusMillis(50));
    // B = 7: full batches of 7 as soon as they fill up, smaller ones on an eviction or the
    // punctuation.
    assertThat(b7Linger)
        .extracting(SocEstimate::getInferenceBatchSize)
        .contains(7)
        .allMatch(size -> size <= 7);

    for (List<SocEstimate> other : List.of(b64, b64Linger, b7Linger)) {
      assertSameEstimates(other, b1);
    }
  }

  /** One entry per estimate: {@code sizes[k]} times the value {@code sizes[k]}. */
  private static List<Integer> batchSizes(int... sizes) {
    List<Integer> out = new ArrayList<>();
    for (int size : sizes) {
      for (int k = 0; k < size; k++) {
        out.add(size);
      }
    }
    return out;
  }

  private static void assertSameEstimates(List<SocEstimate> actual, List<SocEstimate> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      SocEstimate a = actual.get(i);
      SocEstimate e = expected.get(i);
      assertThat(a.getBatteryId()).isEqualTo(e.getBatteryId());
      assertThat(a.getWindowEnd()).isEqualTo(e.getWindowEnd());
      assertThat(a.getWindowStart()).isEqualTo(e.getWindowStart());
      assertThat(a.getStatus()).isEqualTo(e.getStatus());
      assertThat(a.getSegmentSamples()).isEqualTo(e.getSegmentSamples());
      assertThat(a.getSocRaw()).isCloseTo(e.getSocRaw(), within(1e-6));
      assertThat(a.getSoc()).isCloseTo(e.getSoc(), within(1e-6));
    }
  }

  @Test
  void lingerHoldsWindowsUntilTheWallClockPunctuation() {
    Map<String, String> settings =
        Map.of(SocStreamsConfig.BATCH_SIZE, "64", SocStreamsConfig.LINGER_MS, "200");
    try (TopologyFixture f = TopologyFixture.start(stateDir, settings)) {
      for (int n = 0; n < 8; n++) {
        f.pipe(step("A", n));
      }
      assertThat(f.soc.isEmpty()).isTrue();
      f.driver.advanceWallClockTime(Duration.ofMillis(199));
      assertThat(f.soc.isEmpty()).isTrue();
      f.driver.advanceWallClockTime(Duration.ofMillis(1));
      List<SocEstimate> out = f.estimates();
      assertThat(out).hasSize(4).allMatch(e -> e.getInferenceBatchSize() == 4);
      assertThat(out.get(0).getProducedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.200Z"));
    }
  }
}
