package io.socstream.streams;

import static io.socstream.streams.TopologyFixture.T0;
import static io.socstream.streams.TopologyFixture.WALL_CLOCK;
import static io.socstream.streams.TopologyFixture.sample;
import static io.socstream.streams.TopologyFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.avro.DeadLetter;
import io.socstream.avro.DeadLetterReason;
import io.socstream.avro.Telemetry;
import io.socstream.core.serde.ConfluentWireFormat;
import io.socstream.streams.config.SocStreamsConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input lands in the dead-letter queue with its reason, its original key and
 * value bytes and its coordinates, and the stream goes on estimating from later good records.
 */
class DeadLetterTest {

  private static final int T = TestModels.SPEC.windowLength();

  @TempDir Path stateDir;

  static List<Arguments> badTelemetry() {
    return List.of(
        Arguments.of(
            "NaN voltage", sample("b1", T0, Double.NaN, 1, 4), DeadLetterReason.NOT_FINITE),
        Arguments.of(
            "infinite current",
            sample("b1", T0, 3.7, Double.NEGATIVE_INFINITY, 4),
            DeadLetterReason.NOT_FINITE),
        Arguments.of("voltage 12 V", sample("b1", T0, 12, 1, 4), DeadLetterReason.OUT_OF_BOUNDS),
        Arguments.of(
            "current -500 A", sample("b1", T0, 3.7, -500, 4), DeadLetterReason.OUT_OF_BOUNDS),
        Arguments.of(
            "temperature 150 °C", sample("b1", T0, 3.7, 1, 150), DeadLetterReason.OUT_OF_BOUNDS),
        Arguments.of(
            "blank battery id", sample("  ", T0, 3.7, 1, 4), DeadLetterReason.MISSING_BATTERY_ID),
        Arguments.of(
            "empty battery id", sample("", T0, 3.7, 1, 4), DeadLetterReason.MISSING_BATTERY_ID),
        Arguments.of(
            "timestamp 2 min ahead of record time and wall clock",
            sample("b1", WALL_CLOCK.toEpochMilli() + 120_000, 3.7, 1, 4),
            DeadLetterReason.FUTURE_TIMESTAMP));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTelemetry")
  void invalidTelemetryIsDeadLetteredWithItsOriginalBytes(
      String name, Telemetry bad, DeadLetterReason reason) {
    try (TopologyFixture f = TopologyFixture.start(stateDir, Map.of())) {
      byte[] key = "original-key".getBytes(StandardCharsets.UTF_8);
      byte[] value = f.telemetrySerde.serializer().serialize(f.config.telemetryTopic(), bad);
      Instant recordTime = Instant.ofEpochMilli(T0);
      f.rawTelemetry.pipeInput(new TestRecord<>(key, value, recordTime));

      assertDeadLetter(deadLettersAfterGoodRecords(f), reason, key, value, 0L, recordTime);
    }
  }

  /**
   * Records that fail to deserialize are dropped while the driver enqueues them, before any
   * processing; under exactly_once_v2 {@code TopologyTestDriver} 4.3.1 never surfaces the dead
   * letters its deserialization handler returns (the processing handler's it does). These tests
   * therefore run at_least_once; the handler and its records are the same.
   */
  private static final Map<String, String> DESERIALIZATION_SETTINGS =
      Map.of(SocStreamsConfig.PROCESSING_GUARANTEE, "at_least_once");

  @Test
  void undecodableBytesAreDeadLetteredAsDeserializationErrors() {
    try (TopologyFixture f = TopologyFixture.start(stateDir, DESERIALIZATION_SETTINGS)) {
      byte[] garbage = {1, 2, 3, 4, 5, 6, 7};
      byte[] valid = f.telemetrySerde.serializer().serialize("t", step("b1", 0));
      byte[] truncated = Arrays.copyOf(valid, valid.length - 4);
      f.rawTelemetry.pipeInput(new TestRecord<>(null, garbage, Instant.ofEpochMilli(T0)));
      f.rawTelemetry.pipeInput(new TestRecord<>(null, truncated, Instant.ofEpochMilli(T0)));

      List<DeadLetter> dead = deadLettersAfterGoodRecords(f);
      assertThat(dead).hasSize(2);
      assertDeadLetter(
          dead.subList(0, 1), DeadLetterReason.DESERIALIZATION_ERROR, null, garbage, 0L, null);
      assertDeadLetter(
          dead.subList(1, 2), DeadLetterReason.DESERIALIZATION_ERROR, null, truncated, 1L, null);
      assertThat(dead.get(0).getMessage()).contains("magic byte");
    }
  }

  @Test
  void anUnknownSchemaIdIsDeadLetteredAsUnknownSchema() {
    try (TopologyFixture f = TopologyFixture.start(stateDir, DESERIALIZATION_SETTINGS)) {
      byte[] valid = f.telemetrySerde.serializer().serialize("t", step("b1", 0));
      byte[] body = Arrays.copyOfRange(valid, ConfluentWireFormat.HEADER_SIZE, valid.length);
      byte[] unknownId = ConfluentWireFormat.frame(987_654, body);
      byte[] key = "b1".getBytes(StandardCharsets.UTF_8);
      f.rawTelemetry.pipeInput(new TestRecord<>(key, unknownId, Instant.ofEpochMilli(T0)));

      List<DeadLetter> dead = deadLettersAfterGoodRecords(f);
      assertDeadLetter(dead, DeadLetterReason.UNKNOWN_SCHEMA, key, unknownId, 0L, null);
      assertThat(dead.get(0).getMessage()).contains("987654");
    }
  }

  @Test
  void aTombstoneIsDeadLettered() {
    try (TopologyFixture f = TopologyFixture.start(stateDir, Map.of())) {
      byte[] key = "b1".getBytes(StandardCharsets.UTF_8);
      f.rawTelemetry.pipeInput(new TestRecord<>(key, null, Instant.ofEpochMilli(T0)));

      List<DeadLetter> dead = deadLettersAfterGoodRecords(f);
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).getOriginalValue()).isNull();
      assertThat(dead.get(0).getReason()).isEqualTo(DeadLetterReason.DESERIALIZATION_ERROR);
    }
  }

  private static void assertDeadLetter(
      List<DeadLetter> dead,
      DeadLetterReason reason,
      byte[] key,
      byte[] value,
      long offset,
      Instant recordTime) {
    assertThat(dead).hasSize(1);
    DeadLetter letter = dead.get(0);
    assertThat(letter.getReason()).isEqualTo(reason);
    assertThat(letter.getMessage()).isNotBlank();
    assertThat(letter.getSourceTopic()).isEqualTo(TopologyNames.TELEMETRY_TOPIC);
    assertThat(letter.getSourcePartition()).isZero();
    assertThat(letter.getSourceOffset()).isEqualTo(offset);
    if (recordTime != null) {
      assertThat(letter.getRecordTimestamp()).isEqualTo(recordTime);
    }
    if (key == null) {
      assertThat(letter.getOriginalKey()).isNull();
    } else {
      assertThat(SocTopologyTest.bytes(letter.getOriginalKey())).isEqualTo(key);
    }
    assertThat(SocTopologyTest.bytes(letter.getOriginalValue())).isEqualTo(value);
    assertThat(letter.getFailedAt()).isNotNull();
  }

  /**
   * Pipes T good samples of a fresh battery after the bad records, checks they still give exactly
   * one estimate, and returns the dead letters. (A record that fails to deserialize is dropped
   * before processing, so the test driver only commits its dead letter with the next processed
   * record; a real broker commits it with the task's next commit.)
   */
  private static List<DeadLetter> deadLettersAfterGoodRecords(TopologyFixture f) {
    for (int n = 0; n < T; n++) {
      f.pipe(step("good", n));
    }
    assertThat(f.estimates()).hasSize(1).allMatch(e -> e.getBatteryId().equals("good"));
    return f.deadLetters();
  }
}
