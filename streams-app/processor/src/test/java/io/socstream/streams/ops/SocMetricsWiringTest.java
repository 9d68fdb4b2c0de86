package io.socstream.streams.ops;

import static io.socstream.streams.TopologyFixture.T0;
import static io.socstream.streams.TopologyFixture.sample;
import static io.socstream.streams.TopologyFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.socstream.streams.TestModels;
import io.socstream.streams.TopologyFixture;
import io.socstream.streams.config.SocStreamsConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology's processors and dead-letter handlers count into {@link SocMetrics}: records in at
 * validation (and undecodable ones in the deserialization handler), dead letters by reason,
 * estimates out, and every model call's batch size and latency.
 */
class SocMetricsWiringTest {

  @TempDir Path dir;

  @Test
  void countersFollowTheRecordsThroughTheTopology() {
    int valid = 12;
    int t = TestModels.SPEC.windowLength();
    try (TopologyFixture f =
        TopologyFixture.start(
            dir,
            Map.of(
                SocStreamsConfig.BATCH_SIZE,
                "4",
                SocStreamsConfig.PROCESSING_GUARANTEE,
                "at_least_once"))) {
      // Undecodable (the test driver hands its dead letter over with the next good record).
      f.rawTelemetry.pipeInput(
          new TestRecord<>(
              "b1".getBytes(StandardCharsets.UTF_8),
              new byte[] {1, 2, 3, 4, 5, 6, 7},
              Instant.ofEpochMilli(T0)));
      for (int n = 0; n < valid; n++) {
        f.pipe(step("b1", n));
      }
      // Refused by validation, then by the feature pipeline (12 s older than the newest).
      f.pipe(sample("b1", T0 + 1000L * valid, 12.0, 1, 4));
      f.pipe(step("b1", 0));

      int estimates = f.estimates().size();
      assertThat(estimates).isEqualTo(valid - t + 1);
      assertThat(f.deadLetters()).hasSize(3);

      MeterRegistry registry = f.metrics.registry();
      assertThat(count(registry, SocMetrics.RECORDS_IN)).isEqualTo(valid + 3);
      assertThat(count(registry, SocMetrics.ESTIMATES_OUT)).isEqualTo(estimates);
      assertThat(deadLetters(registry, "OUT_OF_BOUNDS")).isEqualTo(1);
      assertThat(deadLetters(registry, "LATE")).isEqualTo(1);
      assertThat(deadLetters(registry, "DESERIALIZATION_ERROR")).isEqualTo(1);
      assertThat(registry.find(SocMetrics.DEAD_LETTERS).counters()).hasSize(3);

      // Linger 0: one model call per window-producing record, each over one window.
      DistributionSummary batches = registry.get(SocMetrics.INFERENCE_BATCH_SIZE).summary();
      assertThat(batches.count()).isEqualTo(estimates);
      assertThat(batches.totalAmount()).isEqualTo(estimates);
      Timer latency = registry.get(SocMetrics.INFERENCE_LATENCY).timer();
      assertThat(latency.count()).isEqualTo(estimates);
      assertThat(latency.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    }
  }

  @Test
  void lingeringBatchesAreRecordedWithTheirSize() {
    // B = 4 and a long linger: windows of four batteries wait until four are pending, then one
    // call of four (a battery has at most one pending window, so batches span batteries).
    try (TopologyFixture f =
        TopologyFixture.start(
            dir, Map.of(SocStreamsConfig.BATCH_SIZE, "4", SocStreamsConfig.LINGER_MS, "3600000"))) {
      int t = TestModels.SPEC.windowLength();
      for (int n = 0; n < t + 1; n++) {
        for (String battery : List.of("b1", "b2", "b3", "b4")) {
          f.pipe(step(battery, n));
        }
      }
      assertThat(f.estimates()).hasSize(8);
      DistributionSummary batches =
          f.metrics.registry().get(SocMetrics.INFERENCE_BATCH_SIZE).summary();
      assertThat(batches.count()).isEqualTo(2);
      assertThat(batches.max()).isEqualTo(4);
      assertThat(count(f.metrics.registry(), SocMetrics.ESTIMATES_OUT)).isEqualTo(8);
    }
  }

  private static double count(MeterRegistry registry, String name) {
    Counter c = registry.find(name).counter();
    return c == null ? 0 : c.count();
  }

  private static double deadLetters(MeterRegistry registry, String reason) {
    Counter c = registry.find(SocMetrics.DEAD_LETTERS).tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }
}
