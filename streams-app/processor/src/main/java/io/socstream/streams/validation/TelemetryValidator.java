package io.socstream.streams.validation;

import io.socstream.avro.DeadLetterReason;
import io.socstream.avro.Telemetry;
import io.socstream.core.features.PackLayout;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.config.SocStreamsConfig.Bounds;

/**
 * The checks a telemetry record must pass before it reaches the feature pipeline. Records arrive as
 * the fleet sends them, a cell's or a pack's: the bounds apply to one cell's values, after the pack
 * conversion ({@link #toCell}), and a refusal says which field, its value and the bound.
 */
public final class TelemetryValidator {

  private final Bounds voltage;
  private final Bounds current;
  private final Bounds temperature;
  private final long futureToleranceMs;
  private final PackLayout pack;

  public TelemetryValidator(
      Bounds voltage, Bounds current, Bounds temperature, long futureToleranceMs) {
    this(voltage, current, temperature, futureToleranceMs, PackLayout.CELL);
  }

  /**
   * @param pack how the cells of the telemetry's pack are wired; {@link PackLayout#CELL} for cell
   *     telemetry
   */
  public TelemetryValidator(
      Bounds voltage, Bounds current, Bounds temperature, long futureToleranceMs, PackLayout pack) {
    this.voltage = voltage;
    this.current = current;
    this.temperature = temperature;
    this.futureToleranceMs = futureToleranceMs;
    this.pack = pack;
  }

  public static TelemetryValidator from(SocStreamsConfig config) {
    return new TelemetryValidator(
        config.voltageBounds(),
        config.currentBounds(),
        config.temperatureBounds(),
        config.futureToleranceMs(),
        config.packLayout());
  }

  /**
   * One cell's telemetry from the record as received: voltage and current divided as {@link
   * PackLayout#toCell} does (the same instance for cell telemetry).
   */
  public Telemetry toCell(Telemetry received) {
    if (pack.isCell()) {
      return received;
    }
    return Telemetry.newBuilder(received)
        .setVoltageV(pack.cellVoltage(received.getVoltageV()))
        .setCurrentA(pack.cellCurrent(received.getCurrentA()))
        .build();
  }

  /** Why a record is refused. */
  public record Rejection(DeadLetterReason reason, String message) {}

  /** The longest battery id accepted, in characters. */
  public static final int MAX_BATTERY_ID_LENGTH = 256;

  /**
   * The first problem of {@code t} (as received, a cell's or a pack's), or null when it is fine.
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
    if (id.length() > MAX_BATTERY_ID_LENGTH) {
      // It becomes the repartition key and part of every state-store key: a huge one would make
      // the repartition record too large for the broker and stop the engine.
      return new Rejection(
          DeadLetterReason.OUT_OF_BOUNDS,
          "battery_id is "
              + id.length()
              + " characters long, more than the "
              + MAX_BATTERY_ID_LENGTH
              + " allowed");
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
      r =
          within(
              "voltage_v",
              t.getVoltageV(),
              pack.cellVoltage(t.getVoltageV()),
              pack.series(),
              SocStreamsConfig.PACK_SERIES,
              voltage,
              "V",
              "soc.bounds.voltage");
    }
    if (r == null) {
      r =
          within(
              "current_a",
              t.getCurrentA(),
              pack.cellCurrent(t.getCurrentA()),
              pack.parallel(),
              SocStreamsConfig.PACK_PARALLEL,
              current,
              "A",
              "soc.bounds.current");
    }
    if (r == null) {
      r =
          within(
              "temperature_c",
              t.getTemperatureC(),
              t.getTemperatureC(),
              1,
              null,
              temperature,
              "°C",
              "soc.bounds.temperature");
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

  /**
   * Null when the cell's value is within the bounds; otherwise e.g. {@code voltage_v = 4.6 V per
   * cell (460.0 V / soc.pack.series 100) outside soc.bounds.voltage [0.0, 4.5] V}, or for a cell
   * value far above the bound a hint to set the pack setting.
   *
   * @param divisor cells the received value is shared by; {@code divisorSetting} names it (null
   *     when the value is a cell's as received, like the temperature)
   */
  private static Rejection within(
      String field,
      double received,
      double cell,
      int divisor,
      String divisorSetting,
      Bounds bounds,
      String unit,
      String boundsSetting) {
    if (bounds.contains(cell)) {
      return null;
    }
    StringBuilder message = new StringBuilder(field).append(" = ");
    if (divisor > 1) {
      message
          .append(cell)
          .append(' ')
          .append(unit)
          .append(" per cell (")
          .append(received)
          .append(' ')
          .append(unit)
          .append(" / ")
          .append(divisorSetting)
          .append(' ')
          .append(divisor)
          .append(')');
    } else {
      message.append(received).append(' ').append(unit);
    }
    message
        .append(" outside ")
        .append(boundsSetting)
        .append(" [")
        .append(bounds.min())
        .append(", ")
        .append(bounds.max())
        .append("] ")
        .append(unit);
    if (divisorSetting != null && divisor == 1 && Math.abs(cell) > 2 * bounds.max()) {
      message
          .append(" (one cell's value expected: for a pack's telemetry set ")
          .append(divisorSetting)
          .append(')');
    }
    return new Rejection(DeadLetterReason.OUT_OF_BOUNDS, message.toString());
  }
}
