package io.socstream.streams.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.avro.Telemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV and recording inputs: ids, timestamps, send offsets and the merge of several inputs. */
class ReplayInputsTest {

  @TempDir Path dir;

  private static final String HEADER =
      "Timestamp,Time [s],Voltage [V],Current [A],Temperature [degC],SOC [-]\n";

  @Test
  void csvTimestampsAreTheReadersAndOffsetsStartAtZero() throws Exception {
    Path csv = dir.resolve("cell_A.csv");
    Files.writeString(
        csv,
        HEADER
            + "2020-01-01 00:00:00,0.0,4.1,-1.0,25.0,0.9\n"
            + "2020-01-01 00:00:00,0.1,4.0,-1.0,25.0,\n"
            + "2020-01-01 00:00:01,1.25,3.9,-1.0,25.1,0.89\n");
    long t0 = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();

    List<ReplayRecord> records = ReplayInputs.fromCsv(csv, null);

    assertThat(records).extracting(ReplayRecord::key).containsOnly("cell_A");
    assertThat(records)
        .extracting(ReplayRecord::timestampMs)
        .containsExactly(t0, t0 + 100, t0 + 1250);
    assertThat(records).extracting(ReplayRecord::offsetMs).containsExactly(0L, 100L, 1250L);
    Telemetry first = records.get(0).value();
    assertThat(first.getBatteryId()).isEqualTo("cell_A");
    assertThat(first.getTimestamp()).isEqualTo(Instant.ofEpochMilli(t0));
    assertThat(first.getVoltageV()).isEqualTo(4.1);
    assertThat(first.getReportedSoc()).isEqualTo(0.9);
    assertThat(records.get(1).value().getReportedSoc()).isNull();
    assertThat(ReplayInputs.fromCsv(csv, "bat-9"))
        .extracting(ReplayRecord::key)
        .containsOnly("bat-9");
  }

  @Test
  void inputsRecordedOnDifferentDaysPlaySideBySide() throws Exception {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Files.writeString(a, HEADER + "2020-01-01 00:00:00,0,4,0,25,\n2020-01-01 00:00:02,2,4,0,25,\n");
    Files.writeString(b, HEADER + "2021-06-01 12:00:00,0,4,0,25,\n2021-06-01 12:00:01,1,4,0,25,\n");

    List<ReplayRecord> schedule = ReplayInputs.schedule(List.of(a, b), null);

    assertThat(schedule).extracting(ReplayRecord::key).containsExactly("a", "b", "b", "a");
    assertThat(schedule).extracting(ReplayRecord::offsetMs).containsExactly(0L, 0L, 1000L, 2000L);
  }

  @Test
  void recordingKeepsKeysTimestampsAndPerKeyOrder() throws Exception {
    Path file = dir.resolve("rec.avro");
    long t = 1_600_000_000_000L;
    try (TelemetryRecording.Writer w = TelemetryRecording.create(file)) {
      w.append(new TelemetryRecording.Entry("t", 0, 0, "x", t, telemetry("x", t)));
      w.append(new TelemetryRecording.Entry("t", 1, 0, "y", t + 500, telemetry("y", t + 500)));
      // x goes back in time: it must still be sent after x's first record.
      w.append(new TelemetryRecording.Entry("t", 0, 1, "x", t - 300, telemetry("x", t - 300)));
    }
    assertThat(TelemetryRecording.isRecording(file)).isTrue();

    List<ReplayRecord> schedule = ReplayInputs.schedule(List.of(file), null);

    assertThat(schedule).extracting(ReplayRecord::key).containsExactly("x", "x", "y");
    assertThat(schedule).extracting(ReplayRecord::timestampMs).containsExactly(t, t - 300, t + 500);
    assertThat(schedule.get(1).value()).isEqualTo(telemetry("x", t - 300));
  }

  private static Telemetry telemetry(String id, long ts) {
    return Telemetry.newBuilder()
        .setBatteryId(id)
        .setTimestamp(Instant.ofEpochMilli(ts))
        .setVoltageV(3.7)
        .setCurrentA(-2.5)
        .setTemperatureC(21.0)
        .build();
  }

  @Test
  void toPackMultipliesVoltageBySeriesAndCurrentByParallelAndKeepsTheRest() throws Exception {
    Path csv = dir.resolve("cell_P.csv");
    Files.writeString(
        csv,
        HEADER
            + "2020-01-01 00:00:00,0.0,4.1,-1.5,25.0,0.9\n"
            + "2020-01-01 00:00:01,1.0,4.0,2.0,25.5,0.89\n");
    List<ReplayRecord> cells = ReplayInputs.fromCsv(csv, null);

    List<ReplayRecord> pack =
        ReplayInputs.toPack(cells, new io.socstream.core.features.PackLayout(96, 2));

    assertThat(pack).extracting(r -> r.value().getVoltageV()).containsExactly(4.1 * 96, 4.0 * 96);
    assertThat(pack).extracting(r -> r.value().getCurrentA()).containsExactly(-3.0, 4.0);
    assertThat(pack).extracting(r -> r.value().getTemperatureC()).containsExactly(25.0, 25.5);
    for (int i = 0; i < cells.size(); i++) {
      ReplayRecord c = cells.get(i);
      ReplayRecord p = pack.get(i);
      assertThat(p.key()).isEqualTo(c.key());
      assertThat(p.timestampMs()).isEqualTo(c.timestampMs());
      assertThat(p.offsetMs()).isEqualTo(c.offsetMs());
      assertThat(p.value().getReportedSoc()).isEqualTo(c.value().getReportedSoc());
    }
    assertThat(ReplayInputs.toPack(cells, io.socstream.core.features.PackLayout.CELL))
        .isSameAs(cells);
  }
}
