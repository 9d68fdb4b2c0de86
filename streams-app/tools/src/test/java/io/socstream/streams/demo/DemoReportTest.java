package io.socstream.streams.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.socstream.core.data.RecordedCycle;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.Sample;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.tools.ReplayInputs;
import io.socstream.streams.tools.ReplayRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's join of estimates with labels, its error statistics, files and expected counts. */
class DemoReportTest {

  @TempDir Path dir;

  private static final long T0 = 1_540_807_682_000L;

  /** {@code n} samples 1 s apart with SOC labels 1.0, 0.99, 0.98, ... */
  private static DemoInput input(String id, int n) {
    List<Sample> samples = new ArrayList<>();
    double[] soc = new double[n];
    for (int i = 0; i < n; i++) {
      samples.add(new Sample(T0 + 1000L * i, 4.0 - 0.01 * i, -1.5, 24.0));
      soc[i] = 1.0 - 0.01 * i;
    }
    return new DemoInput(id + ".csv", id, new RecordedCycle(id, samples, soc));
  }

  private static DeadLetterTally oneOutOfBounds() {
    DeadLetterTally tally = new DeadLetterTally();
    tally.add("OUT_OF_BOUNDS", "voltage_v = 9.0 V outside soc.bounds.voltage [0.0, 5.0] V");
    return tally;
  }

  @Test
  void deadLettersAreSummedUpByReasonMostFrequentFirstWithTheFirstMessage() {
    DeadLetterTally pack = new DeadLetterTally();
    pack.add("LATE", "sample of battery pack at 1 is 9000 ms older than its newest sample");
    for (int i = 0; i < 3000; i++) {
      pack.add("OUT_OF_BOUNDS", "voltage_v = " + (375.0 + i) + " V outside [0.0, 5.0] V");
    }
    DemoReport.InputResult withDead =
        DemoReport.join(input("pack", 5), 3001, new TreeMap<>(), 0, pack);
    DemoReport.InputResult clean =
        DemoReport.join(input("cell", 5), 5, new TreeMap<>(), 0, new DeadLetterTally());

    assertThat(withDead.deadLetterCount()).isEqualTo(3001);
    assertThat(DemoReport.deadLetterLines(List.of(clean, withDead)))
        .containsExactly(
            "Dead letters by reason:",
            "pack: 3,000 OUT_OF_BOUNDS, e.g. voltage_v = 375.0 V outside [0.0, 5.0] V",
            "pack: 1 LATE, e.g. sample of battery pack at 1 is 9000 ms older than its newest"
                + " sample");
    assertThat(DemoReport.deadLetterLines(List.of(clean))).isEmpty();
    @SuppressWarnings("unchecked")
    Map<String, Object> summary =
        ((List<Map<String, Object>>) DemoReport.summary("v", List.of(withDead)).get("inputs"))
            .get(0);
    assertThat(summary)
        .containsEntry("dlq", 3001L)
        .containsEntry("dlq_by_reason", Map.of("OUT_OF_BOUNDS", 3000L, "LATE", 1L));
  }

  @Test
  void estimatesAreJoinedWithTheLabelAtTheirTimestamp() {
    DemoInput in = input("b1", 5);
    TreeMap<Long, Double> est = new TreeMap<>();
    est.put(T0 + 2000, 0.95); // label 0.98: error 0.03
    est.put(T0 + 3000, 0.99); // label 0.97: error 0.02
    est.put(T0 + 4000, 0.96); // label 0.96: error 0
    est.put(T0 + 9000, 0.50); // no such sample: no label, not counted

    DemoReport.InputResult r = DemoReport.join(in, 5, est, 4, oneOutOfBounds());

    assertThat(r.rows())
        .extracting(DemoReport.Row::timestampMs)
        .containsExactly(T0 + 2000, T0 + 3000, T0 + 4000, T0 + 9000);
    assertThat(r.rows().get(0).socTrue()).isCloseTo(0.98, within(1e-12));
    assertThat(r.rows().get(3).socTrue()).isNaN();
    DemoReport.ErrorStats e = r.errors();
    assertThat(e.n()).isEqualTo(3);
    assertThat(e.mae()).isCloseTo((0.03 + 0.02 + 0) / 3, within(1e-12));
    assertThat(e.rmse()).isCloseTo(Math.sqrt((0.03 * 0.03 + 0.02 * 0.02) / 3), within(1e-12));
    assertThat(e.maxAbsError()).isCloseTo(0.03, within(1e-12));

    Map<String, Object> summary = DemoReport.summary("v7", List.of(r));
    assertThat(summary).containsEntry("model_version", "v7");
    @SuppressWarnings("unchecked")
    Map<String, Object> first = ((List<Map<String, Object>>) summary.get("inputs")).get(0);
    assertThat(first)
        .containsEntry("file", "b1.csv")
        .containsEntry("battery_id", "b1")
        .containsEntry("records_in", 5L)
        .containsEntry("events_out", 4L)
        .containsEntry("dlq", 1L)
        .containsEntry("mae", e.mae())
        .containsEntry("rmse", e.rmse())
        .containsEntry("max_abs_error", e.maxAbsError());
  }

  @Test
  void withoutComparableRowsTheErrorsAreNull() {
    DemoReport.InputResult r =
        DemoReport.join(input("b2", 3), 3, new TreeMap<>(), 0, new DeadLetterTally());
    assertThat(r.errors().n()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> first =
        ((List<Map<String, Object>>) DemoReport.summary("v", List.of(r)).get("inputs")).get(0);
    assertThat(first.get("mae")).isNull();
    assertThat(first.get("rmse")).isNull();
    assertThat(first.get("max_abs_error")).isNull();
  }

  @Test
  void theCsvReproducesTheSummary() throws Exception {
    DemoInput in = input("b3", 50);
    TreeMap<Long, Double> est = new TreeMap<>();
    for (int i = 10; i < 50; i++) {
      est.put(T0 + 1000L * i, 0.7 + 0.003 * i);
    }
    DemoReport.InputResult r = DemoReport.join(in, 50, est, est.size(), new DeadLetterTally());
    List<Path> written = DemoReport.write(dir, "v", List.of(r));

    assertThat(written)
        .containsExactly(
            dir.resolve("summary.json"), dir.resolve("soc-b3.csv"), dir.resolve("soc-b3.png"));
    List<String> lines = Files.readAllLines(dir.resolve("soc-b3.csv"));
    assertThat(lines)
        .hasSize(41)
        .first()
        .isEqualTo("timestamp_ms,soc_true,soc_est,status,voltage_v,current_a,temperature_c");
    double sum = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      sum += Math.abs(Double.parseDouble(f[1]) - Double.parseDouble(f[2]));
    }
    assertThat(r.errors().mae()).isCloseTo(sum / 40, within(1e-15));
    assertThat(Files.size(dir.resolve("soc-b3.png"))).isPositive();
    assertThat(DemoReport.table(List.of(r)))
        .hasSize(2)
        .last()
        .asString()
        .startsWith("b3")
        .contains(" 50 ")
        .contains(" 40 ");
  }

  @Test
  void expectedOutputFollowsTheFeaturePipeline() {
    FeatureSpec spec = new FeatureSpec(10, List.of(30), 60_000L, 10, true);
    SocStreamsConfig config = SocStreamsConfig.defaultsOnly();
    List<ReplayRecord> records = ReplayInputs.fromCycle(input("b4", 100).cycle(), "b4");
    long now = System.currentTimeMillis();

    assertThat(ExpectedOutput.of(records, spec, config, now))
        .isEqualTo(new ExpectedOutput(100 - 10 + 1, 0));
    assertThat(
            ExpectedOutput.of(
                records, spec, SocStreamsConfig.of(Map.of(SocStreamsConfig.EMIT_EVERY, "4")), now))
        .isEqualTo(new ExpectedOutput(23, 0)); // windows 1, 5, 9, ... 89 of 91

    // An out-of-range voltage is dead-lettered and leaves the pipeline alone.
    List<ReplayRecord> withBad = new ArrayList<>(records);
    ReplayRecord bad = records.get(50);
    bad =
        new ReplayRecord(
            bad.key(),
            bad.timestampMs(),
            io.socstream.avro.Telemetry.newBuilder(bad.value()).setVoltageV(9.0).build(),
            bad.offsetMs());
    withBad.set(50, bad);
    assertThat(ExpectedOutput.of(withBad, spec, config, now))
        .isEqualTo(new ExpectedOutput(100 - 1 - 10 + 1, 1));

    // A pack's records: all refused as one cell's, all estimated with the pack's settings.
    io.socstream.core.features.PackLayout pack = new io.socstream.core.features.PackLayout(96, 2);
    List<ReplayRecord> packRecords = ReplayInputs.toPack(records, pack);
    assertThat(ExpectedOutput.of(packRecords, spec, config, now))
        .isEqualTo(new ExpectedOutput(0, 100));
    SocStreamsConfig packConfig =
        SocStreamsConfig.of(
            Map.of(SocStreamsConfig.PACK_SERIES, "96", SocStreamsConfig.PACK_PARALLEL, "2"));
    assertThat(ExpectedOutput.of(packRecords, spec, packConfig, now))
        .isEqualTo(new ExpectedOutput(100 - 10 + 1, 0));
  }
}
