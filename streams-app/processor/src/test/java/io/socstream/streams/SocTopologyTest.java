package io.socstream.streams;

import static io.socstream.streams.TopologyFixture.T0;
import static io.socstream.streams.TopologyFixture.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.socstream.avro.DeadLetter;
import io.socstream.avro.DeadLetterReason;
import io.socstream.avro.EstimateStatus;
import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.streams.config.SocStreamsConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimation path through the real topology, handlers and the core's tiny model. */
class SocTopologyTest {

  private static final int T = TestModels.SPEC.windowLength();

  @TempDir Path stateDir;

  private TopologyFixture start(Map<String, String> settings) {
    return TopologyFixture.start(stateDir, settings);
  }

  private static List<SocEstimate> run(TopologyFixture f, List<Telemetry> input) {
    input.forEach(f::pipe);
    return f.estimates();
  }

  @Test
  void firstEstimateAfterTSamplesThenOnePerSampleWarmingUpUntilTheHorizonIsCovered() {
    try (TopologyFixture f = start(Map.of())) {
      List<Telemetry> input = new ArrayList<>();
      for (int n = 0; n < 15; n++) {
        input.add(step("b1", n));
      }
      List<SocEstimate> out = run(f, input);

      assertThat(out).hasSize(15 - T + 1);
      SocEstimate first = out.get(0);
      assertThat(first.getBatteryId()).isEqualTo("b1");
      assertThat(first.getWindowStart().toEpochMilli()).isEqualTo(T0);
      assertThat(first.getWindowEnd().toEpochMilli()).isEqualTo(T0 + 1000L * (T - 1));
      assertThat(first.getTimestamp()).isEqualTo(first.getWindowEnd());
      assertThat(first.getSamplesUsed()).isEqualTo(T);
      assertThat(first.getSegmentSamples()).isEqualTo(T);
      assertThat(first.getModelVersion()).isEqualTo("tiny-test-model");
      assertThat(first.getWarmupHorizonMs()).isEqualTo(10_000L);
      assertThat(first.getInferenceBatchSize()).isEqualTo(1);
      assertThat(first.getProducedAt()).isEqualTo(TopologyFixture.WALL_CLOCK);
      // Warming up while end - segment start < 10 s: ends at T0+4s..T0+9s; OK from T0+10s on.
      for (SocEstimate e : out) {
        long age = e.getWindowEnd().toEpochMilli() - T0;
        assertThat(e.getStatus())
            .as("status at +%d ms", age)
            .isEqualTo(age < 10_000 ? EstimateStatus.WARMING_UP : EstimateStatus.OK);
        assertThat(e.getSoc()).isStrictlyBetween(0.0, 1.0).isCloseTo(e.getSocRaw(), within(0.0));
        // No fusion section in the tiny model's card: the published soc is the model's own.
        assertThat(e.getModelSoc()).isEqualTo(e.getSoc());
      }
      assertThat(f.latestEstimate("b1")).isEqualTo(out.get(out.size() - 1));
      assertThat(f.deadLetters()).isEmpty();
    }
  }

  @Test
  void interleavedBatteriesKeepSeparateWindows() {
    List<Telemetry> a = new ArrayList<>();
    List<Telemetry> b = new ArrayList<>();
    List<Telemetry> interleaved = new ArrayList<>();
    for (int n = 0; n < 12; n++) {
      a.add(step("A", n));
      b.add(step("B", n));
      interleaved.add(step("A", n));
      interleaved.add(step("B", n));
    }
    List<SocEstimate> aloneA;
    List<SocEstimate> aloneB;
    List<SocEstimate> mixed;
    try (TopologyFixture f = start(Map.of())) {
      aloneA = run(f, a);
    }
    try (TopologyFixture f = start(Map.of())) {
      aloneB = run(f, b);
    }
    try (TopologyFixture f = start(Map.of())) {
      mixed = run(f, interleaved);
    }
    assertThat(aloneA).isNotEmpty();
    assertThat(socOf(mixed, "A")).containsExactlyElementsOf(socOf(aloneA, "A"));
    assertThat(socOf(mixed, "B")).containsExactlyElementsOf(socOf(aloneB, "B"));
    assertThat(socOf(aloneA, "A")).isNotEqualTo(socOf(aloneB, "B"));
  }

  @Test
  void aGapRestartsTheSegmentAndTheWarmUp() {
    try (TopologyFixture f = start(Map.of())) {
      List<Telemetry> input = new ArrayList<>();
      for (int n = 0; n < 12; n++) {
        input.add(step("b1", n));
      }
      // 60 s of silence > maxGap (5 s): a new segment starts at step 71.
      for (int n = 71; n < 71 + T + 1; n++) {
        input.add(step("b1", n));
      }
      List<SocEstimate> out = run(f, input);

      List<SocEstimate> before =
          out.stream().filter(e -> e.getWindowEnd().toEpochMilli() < T0 + 71_000L).toList();
      assertThat(before).hasSize(12 - T + 1);
      List<SocEstimate> after = out.subList(before.size(), out.size());
      assertThat(after).hasSize(2);
      assertThat(after.get(0).getWindowStart().toEpochMilli()).isEqualTo(T0 + 71_000L);
      assertThat(after.get(0).getSegmentSamples()).isEqualTo(T);
      assertThat(after).allMatch(e -> e.getStatus() == EstimateStatus.WARMING_UP);
      assertThat(before.get(before.size() - 1).getStatus()).isEqualTo(EstimateStatus.OK);
      assertThat(metric(f, "gap-restarts-total")).isEqualTo(1.0);
    }
  }

  @Test
  void duplicatesAreDroppedAndCounted() {
    try (TopologyFixture f = start(Map.of())) {
      List<Telemetry> input = new ArrayList<>();
      for (int n = 0; n < 8; n++) {
        input.add(step("b1", n));
        if (n == 6) {
          input.add(step("b1", n));
        }
      }
      List<SocEstimate> out = run(f, input);

      assertThat(out).hasSize(8 - T + 1);
      assertThat(f.deadLetters()).isEmpty();
      assertThat(metric(f, "duplicate-samples-total")).isEqualTo(1.0);
      assertThat(f.state("b1").estimator().features().lastTimestampMs()).isEqualTo(T0 + 7000);
    }
  }

  @Test
  void outOfOrderWithinToleranceIsDroppedAndCountedBeyondItIsDeadLetteredAsLate() {
    try (TopologyFixture f = start(Map.of(SocStreamsConfig.OUT_OF_ORDER_TOLERANCE_MS, "3000"))) {
      for (int n = 0; n < 10; n++) {
        f.pipe(step("b1", n));
      }
      int before = f.estimates().size();
      f.pipe(step("b1", 7)); // 2 s behind the newest (9): within tolerance
      Telemetry late = step("b1", 2); // 7 s behind: beyond
      f.pipe(late);
      f.pipe(step("b1", 10));

      assertThat(before).isEqualTo(10 - T + 1);
      assertThat(f.estimates()).hasSize(1).allMatch(e -> e.getSegmentSamples() == 11);
      assertThat(metric(f, "out-of-order-samples-total")).isEqualTo(1.0);
      assertThat(metric(f, "late-samples-total")).isEqualTo(1.0);
      assertThat(f.state("b1").estimator().features().lastTimestampMs()).isEqualTo(T0 + 10_000);

      List<DeadLetter> dead = f.deadLetters();
      assertThat(dead).hasSize(1);
      DeadLetter letter = dead.get(0);
      assertThat(letter.getReason()).isEqualTo(DeadLetterReason.LATE);
      assertThat(letter.getMessage()).contains("7000 ms older");
      // Reported against the input topic, not the repartition topic.
      assertThat(letter.getSourceTopic()).isEqualTo(TopologyNames.TELEMETRY_TOPIC);
      assertThat(letter.getSourcePartition()).isZero();
      assertThat(letter.getSourceOffset()).isEqualTo(11L);
      assertThat(letter.getRecordTimestamp()).isEqualTo(late.getTimestamp());
      assertThat(bytes(letter.getOriginalKey())).isEqualTo("b1".getBytes(StandardCharsets.UTF_8));
      assertThat(f.telemetrySerde.deserializer().deserialize("x", bytes(letter.getOriginalValue())))
          .isEqualTo(late);
    }
  }

  @Test
  void oneSampleStampedAheadCostsOnlyThatSampleNotTheFollowingOnes() {
    List<Telemetry> clean = new ArrayList<>();
    for (int n = 0; n < 70; n++) {
      clean.add(step("b1", n));
    }
    List<Telemetry> poisoned = new ArrayList<>(clean.subList(0, 20));
    poisoned.add(step("b1", 49)); // +30 s ahead of the battery's clock
    poisoned.addAll(clean.subList(20, 70)); // then 50 good 1 Hz samples
    List<SocEstimate> expected;
    try (TopologyFixture f = start(Map.of())) {
      expected = run(f, clean);
    }
    try (TopologyFixture f = start(Map.of())) {
      List<SocEstimate> out = run(f, poisoned);

      assertThat(f.deadLetters()).isEmpty();
      assertThat(out).hasSize(70 - T + 1);
      assertThat(socOf(out, "b1")).containsExactlyElementsOf(socOf(expected, "b1"));
      assertThat(metric(f, "held-jumps-total")).isEqualTo(1.0);
      assertThat(metric(f, "unconfirmed-jumps-total")).isEqualTo(1.0);
      assertThat(metric(f, "late-samples-total")).isZero();
    }
  }

  @Test
  void aConfirmedJumpGivesTheSameWindowsAsWithoutHolding() {
    List<Telemetry> input = new ArrayList<>();
    for (int n = 0; n < 12; n++) {
      input.add(step("b1", n));
    }
    for (int n = 15; n < 25; n++) { // 4 s jump: inside the 5 s gap, beyond a 2 s tolerance
      input.add(step("b1", n));
    }
    List<SocEstimate> unheld;
    try (TopologyFixture f = start(Map.of(SocStreamsConfig.OUT_OF_ORDER_TOLERANCE_MS, "10000"))) {
      unheld = run(f, input);
      assertThat(metric(f, "held-jumps-total")).isZero();
    }
    try (TopologyFixture f = start(Map.of(SocStreamsConfig.OUT_OF_ORDER_TOLERANCE_MS, "2000"))) {
      List<SocEstimate> held = run(f, input);

      assertThat(metric(f, "held-jumps-total")).isEqualTo(1.0);
      assertThat(metric(f, "confirmed-jumps-total")).isEqualTo(1.0);
      assertThat(held).hasSize(22 - T + 1);
      assertThat(socOf(held, "b1")).containsExactlyElementsOf(socOf(unheld, "b1"));
      assertThat(held)
          .extracting(e -> e.getWindowEnd().toEpochMilli())
          .containsExactlyElementsOf(
              unheld.stream().map(e -> e.getWindowEnd().toEpochMilli()).toList());
      assertThat(f.deadLetters()).isEmpty();
    }
  }

  @Test
  void sparseTelemetryIsNotHeldSampleAfterSample() {
    // One sample per 4 s against a 2 s tolerance: only the segment's second sample (no cadence
    // known yet) is held; after that the cadence sets the threshold and the newest sample's
    // estimate comes at once, not one sample late.
    List<Telemetry> input = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      input.add(step("b1", 4 * n));
    }
    try (TopologyFixture f = start(Map.of(SocStreamsConfig.OUT_OF_ORDER_TOLERANCE_MS, "2000"))) {
      List<SocEstimate> out = run(f, input);

      assertThat(metric(f, "held-jumps-total")).isEqualTo(1.0);
      assertThat(metric(f, "confirmed-jumps-total")).isEqualTo(1.0);
      assertThat(out).hasSize(20 - T + 1);
      assertThat(out.get(out.size() - 1).getWindowEnd())
          .isEqualTo(input.get(input.size() - 1).getTimestamp());
      assertThat(f.deadLetters()).isEmpty();
    }
  }

  @Test
  void everyKthWindowIsEmitted() {
    try (TopologyFixture f = start(Map.of(SocStreamsConfig.EMIT_EVERY, "3"))) {
      List<Telemetry> input = new ArrayList<>();
      for (int n = 0; n < 12; n++) {
        input.add(step("b1", n));
      }
      List<SocEstimate> out = run(f, input);
      assertThat(out).extracting(SocEstimate::getSegmentSamples).containsExactly(5L, 8L, 11L);
    }
  }

  @Test
  void withoutRepartitionTheSameEstimatesComeOut() {
    List<Telemetry> input = new ArrayList<>();
    for (int n = 0; n < 9; n++) {
      input.add(step("A", n));
      input.add(step("B", n));
    }
    List<SocEstimate> with;
    List<SocEstimate> without;
    try (TopologyFixture f = start(Map.of())) {
      with = run(f, input);
    }
    try (TopologyFixture f = start(Map.of(SocStreamsConfig.REPARTITION, "false"))) {
      without = run(f, input);
    }
    assertThat(without).isEqualTo(with);
  }

  static List<Double> socOf(List<SocEstimate> estimates, String battery) {
    return estimates.stream()
        .filter(e -> e.getBatteryId().equals(battery))
        .map(SocEstimate::getSocRaw)
        .toList();
  }

  static byte[] bytes(java.nio.ByteBuffer buffer) {
    byte[] b = new byte[buffer.remaining()];
    buffer.duplicate().get(b);
    return b;
  }

  static double metric(TopologyFixture f, String name) {
    double total = 0;
    for (Map.Entry<MetricName, ? extends Metric> e : f.driver.metrics().entrySet()) {
      if (e.getKey().name().equals(name)) {
        total += ((Number) e.getValue().metricValue()).doubleValue();
      }
    }
    return total;
  }
}
