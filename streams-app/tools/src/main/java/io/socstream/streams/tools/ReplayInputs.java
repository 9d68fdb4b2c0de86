package io.socstream.streams.tools;

import io.socstream.avro.Telemetry;
import io.socstream.core.data.LgCsvReader;
import io.socstream.core.data.RecordedCycle;
import io.socstream.core.features.PackLayout;
import io.socstream.core.features.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns replay input files into one schedule.
 *
 * <p>Each input is replayed on its own clock: its records are sent {@code timestamp - first
 * timestamp of that input} after the start (scaled by the speed), so drive cycles recorded on
 * different days play side by side instead of days apart. The records keep their original
 * timestamps. Inputs are merged by that offset; ties keep input order.
 */
public final class ReplayInputs {

  private ReplayInputs() {}

  /**
   * Reads every file: LG-layout CSV ({@code .csv}) or a {@code ./soc record} Avro recording
   * (recognised by its content).
   *
   * @param batteryId replaces the battery id (and key) of every record; null = the file name
   *     without {@code .csv} for CSVs, the recorded battery id for recordings
   */
  public static List<ReplayRecord> schedule(List<Path> files, String batteryId) throws IOException {
    List<List<ReplayRecord>> inputs = new ArrayList<>();
    for (Path file : files) {
      inputs.add(
          TelemetryRecording.isRecording(file)
              ? fromRecording(file, batteryId)
              : fromCsv(file, batteryId));
    }
    return merge(inputs);
  }

  /** An LG CSV as telemetry of one battery; the SOC column becomes {@code reported_soc}. */
  public static List<ReplayRecord> fromCsv(Path file, String batteryId) throws IOException {
    return fromCycle(LgCsvReader.read(file), batteryId);
  }

  /**
   * A recorded cycle as telemetry of one battery ({@code batteryId}, null = the cycle's name); the
   * SOC label becomes {@code reported_soc}.
   */
  public static List<ReplayRecord> fromCycle(RecordedCycle cycle, String batteryId) {
    String id = batteryId != null ? batteryId : cycle.name();
    List<ReplayRecord> out = new ArrayList<>(cycle.size());
    long first = cycle.size() == 0 ? 0 : cycle.samples().get(0).timestampMs();
    for (int i = 0; i < cycle.size(); i++) {
      Sample s = cycle.samples().get(i);
      double soc = cycle.soc()[i];
      Telemetry t =
          Telemetry.newBuilder()
              .setBatteryId(id)
              .setTimestamp(Instant.ofEpochMilli(s.timestampMs()))
              .setVoltageV(s.voltage())
              .setCurrentA(s.current())
              .setTemperatureC(s.temperature())
              .setReportedSoc(Double.isNaN(soc) ? null : soc)
              .build();
      out.add(new ReplayRecord(id, s.timestampMs(), t, Math.max(0, s.timestampMs() - first)));
    }
    return out;
  }

  /**
   * A recording, with its record timestamps and keys. A record is sent no earlier than any record
   * of its key recorded before it, so each battery keeps its recorded order even where its
   * timestamps go backwards.
   */
  public static List<ReplayRecord> fromRecording(Path file, String batteryId) throws IOException {
    List<TelemetryRecording.Entry> entries = TelemetryRecording.read(file);
    long first = entries.stream().mapToLong(TelemetryRecording.Entry::timestampMs).min().orElse(0);
    List<ReplayRecord> out = new ArrayList<>(entries.size());
    java.util.Map<String, Long> newest = new java.util.HashMap<>();
    for (TelemetryRecording.Entry e : entries) {
      long sendAt = newest.merge(String.valueOf(e.key()), e.timestampMs(), Math::max);
      Telemetry value = e.value();
      String key = e.key();
      if (batteryId != null) {
        value = Telemetry.newBuilder(value).setBatteryId(batteryId).build();
        key = batteryId;
      }
      out.add(new ReplayRecord(key, e.timestampMs(), value, sendAt - first));
    }
    return out;
  }

  /**
   * The records as a pack wired as {@code pack} of identical cells would send them: voltage ×
   * series, current × parallel ({@link PackLayout#packVoltage}, {@link PackLayout#packCurrent}).
   * The same list for one cell.
   */
  public static List<ReplayRecord> toPack(List<ReplayRecord> records, PackLayout pack) {
    if (pack.isCell()) {
      return records;
    }
    List<ReplayRecord> out = new ArrayList<>(records.size());
    for (ReplayRecord r : records) {
      Telemetry packValue =
          Telemetry.newBuilder(r.value())
              .setVoltageV(pack.packVoltage(r.value().getVoltageV()))
              .setCurrentA(pack.packCurrent(r.value().getCurrentA()))
              .build();
      out.add(new ReplayRecord(r.key(), r.timestampMs(), packValue, r.offsetMs()));
    }
    return out;
  }

  /** Merges inputs by send offset (stable: equal offsets keep input and file order). */
  public static List<ReplayRecord> merge(List<List<ReplayRecord>> inputs) {
    List<ReplayRecord> all = new ArrayList<>();
    inputs.forEach(all::addAll);
    all.sort(Comparator.comparingLong(ReplayRecord::offsetMs));
    return all;
  }
}
