package io.socstream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.socstream.avro.SocEstimate;
import io.socstream.core.inference.RunnerOptions;
import io.socstream.core.inference.SavedModelRunner;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.streams.config.SocStreamsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A committed slice of a test drive cycle through the topology (B = 64, 1 s linger) gives, row for
 * row, the SOC of the offline {@code ./soc predict} path ({@link DriveCycle#offline}, the core's
 * {@code SocEstimator} that model-export's {@code predict} and {@code evaluate} run): the same
 * number of estimates, the same timestamps, |diff| ≤ 1e-6.
 */
class DriveCycleParityTest {

  @TempDir Path stateDir;

  @Test
  void streamingEqualsTheOfflinePredictPathRowForRow() {
    Path modelDir = DriveCycle.modelDir();
    DriveCycle.Offline offline = DriveCycle.offline(modelDir);

    List<SocEstimate> streamed;
    Map<String, String> settings =
        Map.of(SocStreamsConfig.BATCH_SIZE, "64", SocStreamsConfig.LINGER_MS, "1000");
    try (SavedModelRunner runner = SavedModelRunner.open(modelDir, RunnerOptions.defaults());
        TopologyFixture f =
            TopologyFixture.start(
                stateDir, settings, SavedModelSocModel.of(runner), "t-" + UUID.randomUUID())) {
      DriveCycle.telemetry("cell-551").forEach(f::pipe);
      f.driver.advanceWallClockTime(Duration.ofSeconds(1));
      streamed = f.estimates();
      assertThat(f.deadLetters()).isEmpty();
    }

    int t = runnerSpecWindowLength(modelDir);
    assertThat(offline.count()).isEqualTo(DriveCycle.ROWS - t + 1);
    assertThat(streamed).hasSize(offline.count());
    // Batched: full batches of 64 as they fill up.
    assertThat(streamed).extracting(SocEstimate::getInferenceBatchSize).contains(64);
    for (int w = 0; w < offline.count(); w++) {
      SocEstimate e = streamed.get(w);
      assertThat(e.getTimestamp().toEpochMilli())
          .as("row %d", w)
          .isEqualTo(offline.timestamps()[w]);
      assertThat(e.getSocRaw()).as("raw, row %d", w).isCloseTo(offline.raw()[w], within(1e-6));
      assertThat(e.getSoc()).as("soc, row %d", w).isCloseTo(offline.soc()[w], within(1e-6));
    }
    // Not trivially saturated at 0 or 1: the estimates vary along the cycle.
    assertThat(streamed.stream().mapToDouble(SocEstimate::getSoc).distinct().count())
        .isGreaterThan(offline.count() / 2L);
    double min = streamed.stream().mapToDouble(SocEstimate::getSoc).min().orElseThrow();
    double max = streamed.stream().mapToDouble(SocEstimate::getSoc).max().orElseThrow();
    assertThat(max - min).isGreaterThan(0.1);
    System.out.printf(
        "parity: %d rows, model %s, soc in [%.4f, %.4f], offline MAE %.6f%n",
        streamed.size(), modelDir, min, max, offline.mae());
  }

  private static int runnerSpecWindowLength(Path modelDir) {
    try (SavedModelRunner runner = SavedModelRunner.open(modelDir, RunnerOptions.defaults())) {
      return runner.card().featureSpec().windowLength();
    }
  }
}
