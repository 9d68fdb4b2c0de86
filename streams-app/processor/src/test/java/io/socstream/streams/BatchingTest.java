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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How windows are grouped into model calls changes when estimates come out, never what they are: B
 * = 1 and B = 64, with and without linger, give the same estimates (to 1e-6). A batch holds windows
 * of different batteries: a battery has at most one pending window, flushed (with everything
 * pending) before its next sample is accepted.
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
      assertThat(f.pendingBatteries()).as("pending after the flush").isEmpty();
      return out;
    }
  }

  @Test
  void batchSizeAndLingerDoNotChangeTheEstimates() {
    List<SocEstimate> b1 = run("1", "0", "b1");
    List<SocEstimate> b64 = run("64", "0", "b64");
    List<SocEstimate> b64Linger = run("64", "50", "b64-linger");
    List<SocEstimate> b2Linger = run("2", "50", "b2-linger");

    assertThat(b1).hasSize(3 * (20 - TestModels.SPEC.windowLength() + 1));
    assertThat(b1).allMatch(e -> e.getInferenceBatchSize() == 1);
    // Linger: windows wait for the punctuation (3 < 64) unless a pending battery's next sample
    // comes first: A's sample n flushes the windows of A, B and C ending at n - 1, so every batch
    // holds the 3 batteries' windows of one second; the last 3 go on the punctuation.
    assertThat(b64Linger)
        .extracting(SocEstimate::getInferenceBatchSize)
        .containsExactlyElementsOf(batchSizes(3, 16));
    assertThat(b64Linger.get(0).getProducedAt()).isEqualTo(TopologyFixture.WALL_CLOCK);
    assertThat(b64Linger.get(44).getProducedAt()).isEqualTo(TopologyFixture.WALL_CLOCK);
    assertThat(b64Linger.get(47).getProducedAt())
        .isEqualTo(TopologyFixture.WALL_CLOCK.plusMillis(50));
    // B = 2: a batch as soon as two windows wait, a smaller one on the punctuation.
    assertThat(b2Linger)
        .extracting(SocEstimate::getInferenceBatchSize)
        .contains(2)
        .allMatch(size -> size <= 2);

    for (List<SocEstimate> other : List.of(b64, b64Linger, b2Linger)) {
      assertSameEstimates(other, b1);
    }
  }

  /** One entry per estimate of {@code batches} batches of {@code size}. */
  private static List<Integer> batchSizes(int size, int batches) {
    List<Integer> out = new ArrayList<>();
    for (int k = 0; k < size * batches; k++) {
      out.add(size);
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
      for (int n = 0; n < 5; n++) {
        for (String battery : List.of("A", "B", "C", "D")) {
          f.pipe(step(battery, n));
        }
      }
      assertThat(f.soc.isEmpty()).isTrue();
      assertThat(f.pendingBatteries()).containsExactlyInAnyOrder("A", "B", "C", "D");
      f.driver.advanceWallClockTime(Duration.ofMillis(199));
      assertThat(f.soc.isEmpty()).isTrue();
      f.driver.advanceWallClockTime(Duration.ofMillis(1));
      List<SocEstimate> out = f.estimates();
      assertThat(out).hasSize(4).allMatch(e -> e.getInferenceBatchSize() == 4);
      assertThat(out.get(0).getProducedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.200Z"));
      assertThat(f.pendingBatteries()).isEmpty();
      assertThat(f.latestEstimate("C")).isEqualTo(out.get(2));
    }
  }

  @Test
  void aPendingBatterysNextSampleFlushesItsWindowFirst() {
    Map<String, String> settings =
        Map.of(SocStreamsConfig.BATCH_SIZE, "64", SocStreamsConfig.LINGER_MS, "3600000");
    try (TopologyFixture f = TopologyFixture.start(stateDir, settings)) {
      for (int n = 0; n < 8; n++) {
        f.pipe(step("A", n));
      }
      // Windows end at samples 4..7: the first three came out, each when the next sample came.
      List<SocEstimate> out = f.estimates();
      assertThat(out).extracting(SocEstimate::getSegmentSamples).containsExactly(5L, 6L, 7L);
      assertThat(out).allMatch(e -> e.getInferenceBatchSize() == 1);
      assertThat(f.pendingBatteries()).containsExactly("A");
      assertThat(f.state("A").pendingSeq()).isNotNegative();
      f.driver.advanceWallClockTime(Duration.ofHours(1));
      assertThat(f.estimates()).extracting(SocEstimate::getSegmentSamples).containsExactly(8L);
      assertThat(f.state("A").isPending()).isFalse();
    }
  }
}
