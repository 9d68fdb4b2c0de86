package io.socstream.export.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.core.data.Fixtures;
import io.socstream.core.data.LgCsvReader;
import io.socstream.core.data.RecordedCycle;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.inference.TinyModelFactory;
import io.socstream.export.data.DataLayouts;
import io.socstream.export.data.Subsampling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubsamplingOptionsTest {

  private static final FeatureSpec SPEC = new FeatureSpec(5, List.of(60), 60_000L, 10, true);

  @TempDir Path dir;

  @Test
  void predictAtTenSecondsEstimatesTheThinnedInputOnly() throws Exception {
    Path model = dir.resolve("model");
    TinyModelFactory.export(model, SPEC);
    Path input = DataLayouts.writeSlice(dir, "in/551_Mixed1_slice.csv", Fixtures.MIXED1_25C, 900);
    Path out = dir.resolve("out");

    CliRun run = CliRun.predict(model, input, out, "--period-s", "10", "--jitter-s", "3");

    assertThat(run.exitCode()).as(run.err()).isZero();
    RecordedCycle thinned = Subsampling.of(10, 3).apply(LgCsvReader.read(input));
    List<String> rows = Files.readAllLines(out.resolve("551_Mixed1_slice.csv"));
    assertThat(thinned.size()).isBetween(80, 100);
    assertThat(rows).hasSize(1 + thinned.size() - SPEC.windowLength() + 1);
    assertThat(rows.get(1)).startsWith(thinned.samples().get(4).timestampMs() + ",");
  }

  @Test
  void jitterNotBelowThePeriodFailsInOneLine() {
    CliRun run =
        CliRun.of(
            "predict", "--input", "x.csv", "--out", "o", "--period-s", "5", "--jitter-s", "5");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip())
        .startsWith("soc predict: --jitter-s must be >= 0 and less than --period-s")
        .doesNotContain("\n");
  }
}
