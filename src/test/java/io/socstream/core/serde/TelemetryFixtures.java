package io.socstream.core.serde;

import io.socstream.avro.Telemetry;
import java.time.Instant;

/** Telemetry records with fixed values, shared by the serde tests. */
final class TelemetryFixtures {

  static final Instant MEASURED = Instant.ofEpochMilli(1_700_000_000_123L);

  private TelemetryFixtures() {}

  static Telemetry discharging() {
    return Telemetry.newBuilder()
        .setBatteryId("B0005")
        .setTimestamp(MEASURED)
        .setVoltageV(3.91)
        .setCurrentA(-2.0)
        .setTemperatureC(24.5)
        .setReportedSoc(0.82)
        .setPackId("P-7")
        .setVehicleId(null)
        .build();
  }
}
