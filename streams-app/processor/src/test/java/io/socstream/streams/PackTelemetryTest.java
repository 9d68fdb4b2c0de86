package io.socstream.streams;

import static io.socstream.streams.TopologyFixture.T0;
import static io.socstream.streams.TopologyFixture.sample;
import static io.socstream.streams.TopologyFixture.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.socstream.avro.DeadLetter;
import io.socstream.avro.DeadLetterReason;
import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.core.features.PackLayout;
import io.socstream.streams.config.SocStreamsConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code soc.pack.series}/{@code soc.pack.parallel}: a pack's telemetry is turned into one cell's
 * before validation, so it gives its cell's estimates; without the settings it is refused with a
 * reason that names the field, the bound and the setting.
 */
class PackTelemetryTest {

  private static final int SAMPLES = 40;
  private static final PackLayout PACK = new PackLayout(100, 2);

  @TempDir Path stateDir;

  @Test
  void aPacksTelemetryWithSeriesAndParallelGivesTheSameEstimatesAsItsCells() {
    List<SocEstimate> cells = run("cells", Map.of(), PackLayout.CELL);
    List<SocEstimate> pack =
        run(
            "pack",
            Map.of(SocStreamsConfig.PACK_SERIES, "100", SocStreamsConfig.PACK_PARALLEL, "2"),
            PACK);

    assertThat(cells).hasSize(SAMPLES - TestModels.SPEC.windowLength() + 1);
    assertThat(pack).hasSameSizeAs(cells);
    for (int i = 0; i < cells.size(); i++) {
      SocEstimate c = cells.get(i);
      SocEstimate p = pack.get(i);
      assertThat(p.getTimestamp()).isEqualTo(c.getTimestamp());
      assertThat(p.getStatus()).isEqualTo(c.getStatus());
      assertThat(p.getSocRaw()).as("raw, row %d", i).isCloseTo(c.getSocRaw(), within(1e-6));
      assertThat(p.getSoc()).as("soc, row %d", i).isCloseTo(c.getSoc(), within(1e-6));
    }
    // Not trivially equal: the estimates move along the samples.
    assertThat(cells.stream().mapToDouble(SocEstimate::getSocRaw).distinct().count())
        .isGreaterThan(cells.size() / 2L);
  }

  @Test
  void aPacksTelemetryWithoutTheSettingsIsDeadLetteredNamingFieldBoundAndSetting() {
    try (TopologyFixture f = TopologyFixture.start(stateDir.resolve("dlq"), Map.of())) {
      f.pipe(sample("b1", T0, 375.0, -1.5, 25));

      List<DeadLetter> dead = f.deadLetters();
      assertThat(f.estimates()).isEmpty();
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).getReason()).isEqualTo(DeadLetterReason.OUT_OF_BOUNDS);
      assertThat(dead.get(0).getMessage())
          .isEqualTo(
              "voltage_v = 375.0 V outside soc.bounds.voltage [0.0, 5.0] V (one cell's value"
                  + " expected: for a pack's telemetry set soc.pack.series)");
    }
  }

  @Test
  void aCellOutOfBoundsAfterTheConversionShowsBothValues() {
    Map<String, String> settings =
        Map.of(SocStreamsConfig.PACK_SERIES, "100", SocStreamsConfig.PACK_PARALLEL, "2");
    try (TopologyFixture f = TopologyFixture.start(stateDir.resolve("cell"), settings)) {
      f.pipe(sample("b1", T0, 550.0, -1.5, 25));
      f.pipe(sample("b1", T0 + 1000, 370.0, -300.0, 25));

      assertThat(f.deadLetters())
          .extracting(DeadLetter::getMessage)
          .containsExactly(
              "voltage_v = 5.5 V per cell (550.0 V / soc.pack.series 100) outside"
                  + " soc.bounds.voltage [0.0, 5.0] V",
              "current_a = -150.0 A per cell (-300.0 A / soc.pack.parallel 2) outside"
                  + " soc.bounds.current [-100.0, 100.0] A");
    }
  }

  /** The test's cell steps, sent as the pack {@code layout} would report them. */
  private List<SocEstimate> run(String dir, Map<String, String> settings, PackLayout layout) {
    try (TopologyFixture f = TopologyFixture.start(stateDir.resolve(dir), settings)) {
      for (int n = 0; n < SAMPLES; n++) {
        Telemetry cell = step("b1", n);
        f.pipe(
            Telemetry.newBuilder(cell)
                .setVoltageV(layout.packVoltage(cell.getVoltageV()))
                .setCurrentA(layout.packCurrent(cell.getCurrentA()))
                .build());
      }
      assertThat(f.deadLetters()).isEmpty();
      return new ArrayList<>(f.estimates());
    }
  }
}
