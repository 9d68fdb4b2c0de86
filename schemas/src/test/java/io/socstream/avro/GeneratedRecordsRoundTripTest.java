package io.socstream.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each generated class survives Avro's single-object encoding with every field intact. */
class GeneratedRecordsRoundTripTest {

  private static final Instant MEASURED = Instant.ofEpochMilli(1_700_000_000_000L);
  private static final Instant PRODUCED = Instant.ofEpochMilli(1_700_000_000_250L);

  @Test
  void telemetryWithOptionalFieldsRoundTrips() throws IOException {
    Telemetry original =
        Telemetry.newBuilder()
            .setBatteryId("B0006")
            .setTimestamp(MEASURED)
            .setVoltageV(4.1)
            .setCurrentA(1.5)
            .setTemperatureC(-5.0)
            .setReportedSoc(0.97)
            .setPackId("P-1")
            .setVehicleId("V-42")
            .build();

    Telemetry copy = Telemetry.fromByteBuffer(original.toByteBuffer());

    assertThat(copy).isEqualTo(original);
    assertThat(copy.getCurrentA()).isEqualTo(1.5);
    assertThat(copy.getVehicleId()).isEqualTo("V-42");
  }

  @Test
  void telemetryOptionalFieldsDefaultToNull() throws IOException {
    Telemetry minimal =
        Telemetry.newBuilder()
            .setBatteryId("B0007")
            .setTimestamp(MEASURED)
            .setVoltageV(3.2)
            .setCurrentA(-4.0)
            .setTemperatureC(31.0)
            .build();

    Telemetry copy = Telemetry.fromByteBuffer(minimal.toByteBuffer());

    assertThat(copy.getReportedSoc()).isNull();
    assertThat(copy.getPackId()).isNull();
    assertThat(copy.getVehicleId()).isNull();
    assertThat(copy.getTimestamp()).isEqualTo(MEASURED);
  }

  @Test
  void socEstimateRoundTrips() throws IOException {
    SocEstimate original =
        SocEstimate.newBuilder()
            .setBatteryId("B0005")
            .setTimestamp(MEASURED)
            .setSoc(1.0)
            .setSocRaw(1.03)
            .setStatus(EstimateStatus.WARMING_UP)
            .setModelVersion("convlstm-2025-01")
            .setWindowStart(MEASURED.minusSeconds(60))
            .setWindowEnd(MEASURED)
            .setSamplesUsed(60)
            .setSegmentSamples(61L)
            .setWarmupHorizonMs(300_000L)
            .setInferenceBatchSize(8)
            .setProducedAt(PRODUCED)
            .build();

    SocEstimate copy = SocEstimate.fromByteBuffer(original.toByteBuffer());

    assertThat(copy).isEqualTo(original);
    assertThat(copy.getSocRaw()).isGreaterThan(copy.getSoc());
    assertThat(copy.getStatus()).isEqualTo(EstimateStatus.WARMING_UP);
  }

  @Test
  void deadLetterKeepsTheOriginalBytes() throws IOException {
    byte[] rawValue = {0x01, 0x00, 0x00, 0x00, 0x07};
    DeadLetter original =
        DeadLetter.newBuilder()
            .setReason(DeadLetterReason.DESERIALIZATION_ERROR)
            .setMessage("Unknown magic byte 0x01")
            .setSourceTopic("telemetry")
            .setSourcePartition(3)
            .setSourceOffset(12_345L)
            .setRecordTimestamp(MEASURED)
            .setOriginalKey(ByteBuffer.wrap("B0005".getBytes(StandardCharsets.UTF_8)))
            .setOriginalValue(ByteBuffer.wrap(rawValue))
            .setFailedAt(PRODUCED)
            .build();

    DeadLetter copy = DeadLetter.fromByteBuffer(original.toByteBuffer());

    assertThat(copy).isEqualTo(original);
    ByteBuffer value = copy.getOriginalValue();
    byte[] valueBytes = new byte[value.remaining()];
    value.get(valueBytes);
    assertThat(valueBytes).containsExactly(rawValue);
  }

  @Test
  void deadLetterForATombstoneHasNullValueAndTimestamp() throws IOException {
    DeadLetter original =
        DeadLetter.newBuilder()
            .setReason(DeadLetterReason.MISSING_BATTERY_ID)
            .setMessage("null key")
            .setSourceTopic("telemetry")
            .setSourcePartition(0)
            .setSourceOffset(0L)
            .setFailedAt(PRODUCED)
            .build();

    DeadLetter copy = DeadLetter.fromByteBuffer(original.toByteBuffer());

    assertThat(copy.getOriginalKey()).isNull();
    assertThat(copy.getOriginalValue()).isNull();
    assertThat(copy.getRecordTimestamp()).isNull();
    assertThat(copy.getReason()).isEqualTo(DeadLetterReason.MISSING_BATTERY_ID);
  }
}
