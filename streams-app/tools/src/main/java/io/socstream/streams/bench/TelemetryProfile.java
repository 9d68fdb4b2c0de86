package io.socstream.streams.bench;

import io.socstream.avro.Telemetry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic but realistic telemetry for the benchmark: every battery replays one embedded 1 Hz LG
 * HG2 drive profile (1280 samples of the 25 °C Mixed1 cycle, {@code lg-hg2-551-mixed1-25degC-1hz
 * .csv} next to this class) with its own offsets, so no two batteries send the same values.
 *
 * <p>Battery {@code b}, sample {@code j}:
 *
 * <ul>
 *   <li>profile row: starts at row {@code (b × 97) mod 1280} and plays back and forth (ping-pong,
 *       no jump at the ends);
 *   <li>current × (0.9 + 0.2 · u), voltage + (u' − 0.5) · 0.04 V, temperature + (u'' − 0.5) · 10
 *       °C, with u, u', u'' ∈ [0, 1) fixed per battery (deterministic hash);
 *   <li>measurement time {@code base + phase(b) + j × 1000 ms}, phase(b) ∈ [0, 1000) ms, so that in
 *       send order (sample-major, battery-minor) the batteries interleave like a fleet's gateways.
 * </ul>
 *
 * The values stay inside the engine's default plausibility bounds, so nothing is dead-lettered.
 */
public final class TelemetryProfile {

  /** Event-time spacing of one battery's samples (the LG data is 1 Hz). */
  public static final long PERIOD_MS = 1000;

  static final String RESOURCE = "lg-hg2-551-mixed1-25degC-1hz.csv";

  private final float[] voltage;
  private final float[] current;
  private final float[] temperature;
  private final long baseMs;

  private TelemetryProfile(float[] voltage, float[] current, float[] temperature, long baseMs) {
    this.voltage = voltage;
    this.current = current;
    this.temperature = temperature;
    this.baseMs = baseMs;
  }

  /**
   * The embedded profile with measurement times starting at {@code baseMs} (epoch milliseconds).
   */
  public static TelemetryProfile load(long baseMs) {
    List<float[]> rows = new ArrayList<>();
    try (InputStream in = TelemetryProfile.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      boolean header = true;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] parts = line.split(",");
        rows.add(
            new float[] {
              Float.parseFloat(parts[0]), Float.parseFloat(parts[1]), Float.parseFloat(parts[2])
            });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    float[] v = new float[rows.size()];
    float[] i = new float[rows.size()];
    float[] t = new float[rows.size()];
    for (int k = 0; k < rows.size(); k++) {
      v[k] = rows.get(k)[0];
      i[k] = rows.get(k)[1];
      t[k] = rows.get(k)[2];
    }
    return new TelemetryProfile(v, i, t, baseMs);
  }

  /** Rows in the embedded profile. */
  public int length() {
    return voltage.length;
  }

  /** The battery id of battery number {@code b}. */
  public static String batteryId(int b) {
    return String.format("bench-%05d", b);
  }

  /** Measurement time of sample {@code j} of battery {@code b}. */
  public long timestampMs(int b, int j) {
    return baseMs + phaseMs(b) + j * PERIOD_MS;
  }

  /** Sample index whose measurement time is {@code timestampMs} for battery {@code b}. */
  public long sampleIndex(int b, long timestampMs) {
    return (timestampMs - baseMs - phaseMs(b)) / PERIOD_MS;
  }

  /** Sample {@code j} of battery {@code b}. */
  public Telemetry sample(int b, int j) {
    int row = row(b, j);
    double currentScale = 0.9 + 0.2 * unit(b, 1);
    double voltageOffset = (unit(b, 2) - 0.5) * 0.04;
    double temperatureOffset = (unit(b, 3) - 0.5) * 10;
    return Telemetry.newBuilder()
        .setBatteryId(batteryId(b))
        .setTimestamp(Instant.ofEpochMilli(timestampMs(b, j)))
        .setVoltageV(round(voltage[row] + voltageOffset))
        .setCurrentA(round(current[row] * currentScale))
        .setTemperatureC(round(temperature[row] + temperatureOffset))
        .build();
  }

  private int row(int b, int j) {
    int n = voltage.length;
    int k = (int) (((long) b * 97 + j) % (2L * n - 2));
    return k < n ? k : 2 * n - 2 - k;
  }

  private static long phaseMs(int b) {
    return (long) (unit(b, 0) * PERIOD_MS);
  }

  /** A deterministic value in [0, 1) for (battery, salt). */
  static double unit(int b, int salt) {
    long z = (b * 0x9E3779B97F4A7C15L) ^ (salt * 0xC2B2AE3D27D4EB4FL);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }

  private static double round(double x) {
    return Math.round(x * 1e5) / 1e5;
  }
}
