package io.socstream.export.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.socstream.core.data.Fixtures;
import io.socstream.core.data.LgCsvReader;
import io.socstream.core.data.RecordedCycle;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.Normalization;
import io.socstream.core.features.Sample;
import io.socstream.core.features.WindowBlock;
import io.socstream.core.inference.TinyModelFactory;
import io.socstream.core.model.ModelCard;
import io.socstream.export.data.DataLayouts;
import io.socstream.export.eval.PredictionCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {

  private static final FeatureSpec SPEC = new FeatureSpec(10, List.of(30), 60_000L, 10, true);

  @TempDir static Path dir;
  static Path model;
  static ModelCard card;

  @BeforeAll
  static void tinyModel() {
    model = dir.resolve("model");
    card = TinyModelFactory.export(model, SPEC);
  }

  @Test
  void oneRowPerWindowWithTheInputsLabelAndAClampedEstimate() throws Exception {
    Path input = DataLayouts.writeSlice(dir, "in/551_Mixed1_slice.csv", Fixtures.MIXED1_25C, 400);
    Path out = dir.resolve("out");

    CliRun run = CliRun.predict(model, input, out);

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = Files.readAllLines(out.resolve("551_Mixed1_slice.csv"));
    assertThat(lines.get(0)).isEqualTo(PredictionCsv.HEADER);
    RecordedCycle cycle = LgCsvReader.read(input);
    WindowBlock windows = cycle.windowBlock(SPEC, true);
    assertThat(lines).hasSize(1 + windows.count());
    assertThat(windows.count()).isEqualTo(400 - SPEC.windowLength() + 1);

    Normalization normalization = card.featureNormalization();
    for (int w = 0; w < windows.count(); w += 97) {
      String[] row = lines.get(1 + w).split(",", -1);
      int sample = windows.sampleIndex()[w];
      assertThat(Long.parseLong(row[0])).isEqualTo(cycle.samples().get(sample).timestampMs());
      assertThat(Double.parseDouble(row[1])).isEqualTo(cycle.soc()[sample]);
      Sample measured = cycle.samples().get(sample);
      assertThat(Double.parseDouble(row[5])).isEqualTo(measured.voltage());
      assertThat(Double.parseDouble(row[6])).isEqualTo(measured.current());
      assertThat(Double.parseDouble(row[7])).isEqualTo(measured.temperature());
      long segmentSpanMs = measured.timestampMs() - cycle.samples().get(0).timestampMs();
      assertThat(row[4])
          .as("status of row %d", w + 1)
          .isEqualTo(segmentSpanMs < SPEC.longestHorizonMs() ? "WARMING_UP" : "OK");
      float[] window =
          Arrays.copyOfRange(
              windows.features(), windows.offsetOf(w), windows.offsetOf(w) + windows.windowSize());
      normalization.normalizeInPlace(window);
      double expected =
          TinyModelFactory.expectedSoc(window, SPEC.windowLength(), SPEC.featureCount());
      assertThat(Double.parseDouble(row[2])).isBetween(0.0, 1.0).isCloseTo(expected, within(1e-5));
      assertThat(row[3]).as("without a fusion section soc = model_soc").isEqualTo(row[2]);
    }
  }

  @Test
  void socTrueIsEmptyWhenTheInputHasNoSocColumn() throws Exception {
    Path labelled = DataLayouts.writeSlice(dir, "nolabel/src.csv", Fixtures.MIXED1_N10C, 50);
    Path input = dir.resolve("nolabel/drive.csv");
    // Drop the SOC [-] column (the 10th).
    Files.write(input, withoutColumn(Files.readAllLines(labelled), 9));
    Path out = dir.resolve("out2");

    CliRun run = CliRun.predict(model, input, out);

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = Files.readAllLines(out.resolve("drive.csv"));
    assertThat(lines).hasSize(1 + 50 - SPEC.windowLength() + 1);
    assertThat(lines.subList(1, lines.size())).allMatch(line -> line.split(",", -1)[1].isEmpty());
  }

  private static List<String> withoutColumn(List<String> lines, int column) {
    return lines.stream()
        .map(
            line -> {
              String[] fields = line.split(",", -1);
              StringBuilder kept = new StringBuilder();
              for (int i = 0; i < fields.length; i++) {
                if (i != column) {
                  kept.append(kept.length() == 0 ? "" : ",").append(fields[i]);
                }
              }
              return kept.toString();
            })
        .toList();
  }
}
