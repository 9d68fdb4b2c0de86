package io.socstream.streams.state;

import io.socstream.avro.EstimateStatus;
import io.socstream.avro.SocEstimate;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A battery's newest {@link SocEstimate} inside its {@link BatteryState}, without the battery id
 * (the store key) and without Avro, so that the stored bytes do not depend on the schema version.
 * Fixed-width big-endian plus the model version:
 *
 * <pre>
 * v1: u8 version | i64 timestamp | f64 soc, socRaw, modelSoc (NaN: none) | u8 status
 *     | i64 windowStart, windowEnd | i32 samplesUsed | i64 segmentSamples, warmupHorizonMs
 *     | i32 inferenceBatchSize | i64 producedAt | u16 length | model version (UTF-8)
 * </pre>
 */
public final class LatestEstimateCodec {

  static final byte VERSION = 1;

  private static final int FIXED = 1 + 8 + 3 * 8 + 1 + 2 * 8 + 4 + 2 * 8 + 4 + 8 + 2;

  private LatestEstimateCodec() {}

  public static byte[] encode(SocEstimate e) {
    byte[] version = e.getModelVersion().getBytes(StandardCharsets.UTF_8);
    if (version.length > 0xFFFF) {
      throw new IllegalArgumentException("model version longer than 65535 bytes");
    }
    ByteBuffer b = ByteBuffer.allocate(FIXED + version.length);
    b.put(VERSION);
    b.putLong(e.getTimestamp().toEpochMilli());
    b.putDouble(e.getSoc()).putDouble(e.getSocRaw());
    b.putDouble(e.getModelSoc() == null ? Double.NaN : e.getModelSoc());
    b.put(statusCode(e.getStatus()));
    b.putLong(e.getWindowStart().toEpochMilli()).putLong(e.getWindowEnd().toEpochMilli());
    b.putInt(e.getSamplesUsed());
    b.putLong(e.getSegmentSamples()).putLong(e.getWarmupHorizonMs());
    b.putInt(e.getInferenceBatchSize());
    b.putLong(e.getProducedAt().toEpochMilli());
    b.putShort((short) version.length).put(version);
    return b.array();
  }

  /** Fixed codes, not the enum's order: a symbol added to the schema must not move them. */
  private static byte statusCode(EstimateStatus status) {
    return switch (status) {
      case OK -> 0;
      case WARMING_UP -> 1;
    };
  }

  private static EstimateStatus status(byte code) {
    return switch (code) {
      case 0 -> EstimateStatus.OK;
      case 1 -> EstimateStatus.WARMING_UP;
      default -> throw new IllegalArgumentException("unknown estimate status code " + code);
    };
  }

  public static SocEstimate decode(String batteryId, byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    byte v = b.get();
    if (v != VERSION) {
      throw new IllegalArgumentException(
          "unknown latest-estimate version " + v + " (this build reads " + VERSION + ")");
    }
    SocEstimate.Builder e = SocEstimate.newBuilder().setBatteryId(batteryId);
    e.setTimestamp(Instant.ofEpochMilli(b.getLong()));
    e.setSoc(b.getDouble()).setSocRaw(b.getDouble());
    double modelSoc = b.getDouble();
    e.setModelSoc(Double.isNaN(modelSoc) ? null : modelSoc);
    e.setStatus(status(b.get()));
    e.setWindowStart(Instant.ofEpochMilli(b.getLong()));
    e.setWindowEnd(Instant.ofEpochMilli(b.getLong()));
    e.setSamplesUsed(b.getInt());
    e.setSegmentSamples(b.getLong()).setWarmupHorizonMs(b.getLong());
    e.setInferenceBatchSize(b.getInt());
    e.setProducedAt(Instant.ofEpochMilli(b.getLong()));
    byte[] version = new byte[Short.toUnsignedInt(b.getShort())];
    b.get(version);
    return e.setModelVersion(new String(version, StandardCharsets.UTF_8)).build();
  }
}
