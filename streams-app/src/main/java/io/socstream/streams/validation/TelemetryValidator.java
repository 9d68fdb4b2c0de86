package io.socstream.streams.validation;

import io.socstream.avro.DeadLetterReason;
import io.socstream.avro.Telemetry;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.config.SocStreamsConfig.Bounds;

/** The checks a telemetry record must pass before it reaches the feature pipeline. */
public final class TelemetryValidator {

  private final Bounds voltage;
  private final Bounds current;
  private final Bounds temperature;
  private final long futureToleranceMs;

  public TelemetryValidator(
      Bounds voltage, Bounds current, Bounds temperature, long futureToleranceMs) {
    this.voltage = voltage;
    this.current = current;
    this.temperature = temperature;
    this.futureToleranceMs = futureToleranceMs;
  }

  public static TelemetryValidator from(SocStreamsConfig config) {
    return new TelemetryValidator(
        config.voltageBounds(),
        config.currentBounds(),
        config.temperatureBounds(),
        config.futureToleranceMs());
  }

  /** Why a record is refused. */
  public record Rejection(DeadLetterReason reason, String message) {}

  /**
   * The first problem of {@code t}, or null when it is fine.
   *
   * @param recordTimestampMs the Kafka timestamp of the record
   * @param wallClockMs the current wall-clock time
   */
  public Rejection check(Telemetry t, long recordTimestampMs, long wallClockMs) {
    if (t == null) {
      return new Rejection(DeadLetterReason.DESERIALIZATION_ERROR, "null value (tombstone)");
    }
    String id = t.getBatteryId();
    if (id == null || id.isBlank()) {
      return new Rejection(DeadLetterReason.MISSING_BATTERY_ID, "battery_id is missing or blank");
    }
    if (t.getTimestamp() == null) {
      return new Rejection(DeadLetterReason.DESERIALIZATION_ERROR, "timestamp is missing");
    }
    Rejection r = finite("voltage_v", t.getVoltageV());
    if (r == null) {
      r = finite("current_a", t.getCurrentA());
    }
    if (r == null) {
      r = finite("temperature_c", t.getTemperatureC());
    }
    if (r == null) {
      r = within("voltage_v", t.getVoltageV(), voltage, "V");
    }
    if (r == null) {
      r = within("current_a", t.getCurrentA(), current, "A");
    }
    if (r == null) {
      r = within("temperature_c", t.getTemperatureC(), temperature, "°C");
    }
    if (r != null) {
      return r;
    }
    long measured = t.getTimestamp().toEpochMilli();
    long reference = Math.max(recordTimestampMs, wallClockMs);
    if (measured > reference && measured - reference > futureToleranceMs) {
      return new Rejection(
          DeadLetterReason.FUTURE_TIMESTAMP,
          "timestamp "
              + t.getTimestamp()
              + " is "
              + (measured - reference)
              + " ms ahead of the record time and the wall clock (tolerance "
              + futureToleranceMs
              + " ms)");
    }
    return null;
  }

  private static Rejection finite(String field, double value) {
    return Double.isFinite(value)
        ? null
        : new Rejection(DeadLetterReason.NOT_FINITE, field + " is " + value);
  }

  private static Rejection within(String field, double value, Bounds bounds, String unit) {
    return bounds.contains(value)
        ? null
        : new Rejection(
            DeadLetterReason.OUT_OF_BOUNDS,
            field
                + " = "
                + value
                + " "
                + unit
                + " outside ["
                + bounds.min()
                + ", "
                + bounds.max()
                + "]");
  }
}
