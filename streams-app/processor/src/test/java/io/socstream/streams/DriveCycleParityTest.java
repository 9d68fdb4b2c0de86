package io.socstream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.socstream.avro.SocEstimate;
import io.socstream.core.estimate.FusedSeries;
import io.socstream.core.estimate.RecordingEstimator;
import io.socstream.core.inference.RunnerOptions;
import io.socstream.core.inference.SavedModelRunner;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.core.inference.SocModel;
import io.socstream.streams.config.SocStreamsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A committed slice of a test drive cycle through the topology (B = 64, 1 s linger), sent by {@link
 * #BATTERIES} batteries at once, gives for each battery, row for row, the SOC of the offline {@code
 * ./soc predict} path ({@link DriveCycle#offline}, the core's {@code SocEstimator} that
 * model-export's {@code predict} and {@code evaluate} run): the same number of estimates, the same
 * timestamps, |diff| ≤ 1e-6, estimated in batches that mix the batteries.
 */
class DriveCycleParityTest {

  private static final int BATTERIES = 4;

  @TempDir Path stateDir;

  @Test
  void streamingEqualsTheOfflinePredictPathRowForRow() {
    Path modelDir = DriveCycle.modelDir();
    DriveCycle.Offline offline = DriveCycle.offline(modelDir);

    List<SocEstimate> streamed;
    FusedSeries fused;
    Map<String, String> settings =
        Map.of(SocStreamsConfig.BATCH_SIZE, "64", SocStreamsConfig.LINGER_MS, "1000");
    try (SavedModelRunner runner = SavedModelRunner.open(modelDir, RunnerOptions.defaults());
        TopologyFixture f =
            TopologyFixture.start(
                stateDir, settings, SavedModelSocModel.of(runner), "t-" + UUID.randomUUID())) {
      SocModel model = SavedModelSocModel.of(runner);
      fused = new RecordingEstimator(model).estimate(DriveCycle.cycle(), model.fusionParameters());
      DriveCycle.pipeFleet(f, "cell-551-", BATTERIES);
      streamed = f.estimates();
      assertThat(f.deadLetters()).isEmpty();
    }

    int t = runnerSpecWindowLength(modelDir);
    assertThat(offline.count()).isEqualTo(DriveCycle.ROWS - t + 1);
    assertThat(streamed).hasSize(BATTERIES * offline.count());
    // Batched across batteries: a battery's next sample flushes the windows of all of them.
    assertThat(streamed).extracting(SocEstimate::getInferenceBatchSize).contains(BATTERIES);
    for (int b = 0; b < BATTERIES; b++) {
      String id = "cell-551-" + b;
      List<SocEstimate> battery =
          streamed.stream().filter(e -> e.getBatteryId().equals(id)).toList();
      assertThat(battery).as(id).hasSize(offline.count());
      for (int w = 0; w < offline.count(); w++) {
        SocEstimate e = battery.get(w);
        assertThat(e.getTimestamp().toEpochMilli())
            .as("%s row %d", id, w)
            .isEqualTo(offline.timestamps()[w]);
        assertThat(e.getSocRaw())
            .as("raw, %s row %d", id, w)
            .isCloseTo(offline.raw()[w], within(1e-6));
        // The model's own estimate is the offline predict path's; soc is fused when the card has
        // a fusion section (the shipped one does), as RecordingEstimator fuses offline.
        assertThat(e.getModelSoc())
            .as("model_soc, %s row %d", id, w)
            .isCloseTo(offline.soc()[w], within(1e-6));
        assertThat(e.getSoc()).as("soc, %s row %d", id, w).isCloseTo(fused.soc()[w], within(1e-6));
      }
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
