package io.socstream.streams.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.avro.Telemetry;
import io.socstream.streams.cli.SocCli;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.validation.TelemetryValidator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark's synthetic telemetry and helpers, without a broker. */
class TelemetryProfileTest {

  private static final long BASE = 1_700_000_000_000L;

  @Test
  void everySampleIsValidAndEveryBatteryDiffers() {
    TelemetryProfile profile = TelemetryProfile.load(BASE);
    assertThat(profile.length()).isEqualTo(1280);
    TelemetryValidator validator = TelemetryValidator.from(SocStreamsConfig.defaultsOnly());
    Set<Double> firstVoltages = new HashSet<>();
    for (int b = 0; b < 100; b++) {
      long previous = Long.MIN_VALUE;
      for (int j = 0; j < 3000; j++) {
        Telemetry t = profile.sample(b, j);
        long ts = t.getTimestamp().toEpochMilli();
        assertThat(validator.check(t, ts, ts)).as("battery %d sample %d", b, j).isNull();
        assertThat(ts).isGreaterThan(previous);
        assertThat(profile.sampleIndex(b, ts)).isEqualTo(j);
        previous = ts;
      }
      firstVoltages.add(profile.sample(b, 0).getVoltageV());
      assertThat(profile.sample(b, 0).getBatteryId()).isEqualTo(TelemetryProfile.batteryId(b));
    }
    assertThat(firstVoltages).hasSizeGreaterThan(90);
  }

  @Test
  void sameInputEveryTime() {
    assertThat(TelemetryProfile.load(BASE).sample(7, 1234))
        .isEqualTo(TelemetryProfile.load(BASE).sample(7, 1234));
  }

  @Test
  void nearestRankPercentiles() {
    long[] sorted = new long[100];
    for (int i = 0; i < 100; i++) {
      sorted[i] = i + 1L;
    }
    assertThat(StreamsBenchmark.percentile(sorted, 0.50)).isEqualTo(50);
    assertThat(StreamsBenchmark.percentile(sorted, 0.99)).isEqualTo(99);
    assertThat(StreamsBenchmark.percentile(new long[] {7}, 0.99)).isEqualTo(7);
    assertThat(StreamsBenchmark.percentile(new long[0], 0.5)).isEqualTo(-1);
  }

  @Test
  void benchIsACommand() {
    StringWriter out = new StringWriter();
    int rc =
        SocCli.execute(
            new String[] {"bench", "--help"}, new PrintWriter(out), new PrintWriter(out));
    assertThat(rc).isZero();
    assertThat(out.toString()).contains("--quick", "--out", "--model", "bench.json");
  }
}
