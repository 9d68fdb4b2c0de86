package io.socstream.export.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.socstream.core.data.Fixtures;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.inference.TinyModelFactory;
import io.socstream.export.data.DataLayouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict --series/--parallel}: a pack's CSV gives its cell's estimates, and a warning. */
class PredictPackTest {

  private static final FeatureSpec SPEC = new FeatureSpec(10, List.of(30), 60_000L, 10, true);
  private static final int ROWS = 300;

  @TempDir static Path dir;
  static Path model;
  static Path cellCsv;
  static Path packCsv;

  @BeforeAll
  static void inputs() throws IOException {
    model = dir.resolve("model");
    TinyModelFactory.export(model, SPEC);
    cellCsv = DataLayouts.writeSlice(dir, "cell/drive.csv", Fixtures.MIXED1_25C, ROWS);
    packCsv = dir.resolve("pack/drive.csv");
    Files.createDirectories(packCsv.getParent());
    Files.write(packCsv, scaled(Files.readAllLines(cellCsv), 100, 2));
  }

  @Test
  void aPacksCsvWithSeriesAndParallelGivesTheCellsEstimates() throws IOException {
    CliRun cell = predict(cellCsv, "cell-out");
    CliRun pack = predict(packCsv, "pack-out", "--series", "100", "--parallel", "2");

    assertThat(cell.exitCode()).as(cell.err()).isZero();
    assertThat(pack.exitCode()).as(pack.err()).isZero();
    assertThat(pack.err()).as("a converted pack is in range").doesNotContain("outside");
    List<String> expected = Files.readAllLines(dir.resolve("cell-out/drive.csv"));
    List<String> actual = Files.readAllLines(dir.resolve("pack-out/drive.csv"));
    assertThat(actual).hasSameSizeAs(expected).hasSize(1 + ROWS - SPEC.windowLength() + 1);
    assertThat(actual.get(0)).isEqualTo(expected.get(0));
    for (int i = 1; i < expected.size(); i++) {
      String[] e = expected.get(i).split(",", -1);
      String[] a = actual.get(i).split(",", -1);
      assertThat(a[0]).isEqualTo(e[0]);
      assertThat(a[1]).isEqualTo(e[1]);
      assertThat(Double.parseDouble(a[2]))
          .as("row %d", i)
          .isCloseTo(Double.parseDouble(e[2]), within(1e-6));
    }
  }

  @Test
  void aPacksCsvWithoutSeriesWarnsOnceWithTheCountAndTheFix() {
    CliRun run = predict(packCsv, "unconverted-out");

    assertThat(run.exitCode()).as("a warning, not a failure").isZero();
    List<String> warnings = run.err().lines().filter(l -> l.contains("outside")).toList();
    assertThat(warnings)
        .containsExactly(
            "soc predict: "
                + packCsv
                + ": 300 of 300 samples have voltage outside the model's range [2.5, 4.2] V"
                + " (one cell); set --series for pack telemetry");
  }

  @Test
  void aCellsCsvInRangeGivesNoWarning() {
    CliRun run = predict(cellCsv, "quiet-out");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("outside");
  }

  @Test
  void aSeriesBelowOneIsRefusedNamingTheOption() {
    CliRun run = predict(cellCsv, "bad-out", "--series", "0");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("--series must be >= 1, was 0");
    assertThat(dir.resolve("bad-out")).doesNotExist();
  }

  private static CliRun predict(Path input, String out, String... extra) {
    return CliRun.predict(model, input, dir.resolve(out), extra);
  }

  /** The CSV as a pack of identical cells would report it: V x series, I x parallel. */
  private static List<String> scaled(List<String> lines, int series, int parallel) {
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    int v = header.indexOf("Voltage [V]");
    int i = header.indexOf("Current [A]");
    assertThat(v).isNotNegative();
    assertThat(i).isNotNegative();
    List<String> out = new ArrayList<>(List.of(lines.get(0)));
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",", -1);
      fields[v] = Double.toString(Double.parseDouble(fields[v]) * series);
      fields[i] = Double.toString(Double.parseDouble(fields[i]) * parallel);
      out.add(String.join(",", fields));
    }
    return out;
  }
}
