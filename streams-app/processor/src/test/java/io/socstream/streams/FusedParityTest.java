package io.socstream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.socstream.avro.SocEstimate;
import io.socstream.core.estimate.FusedSeries;
import io.socstream.core.estimate.RecordingEstimator;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureWindow;
import io.socstream.core.features.Normalization;
import io.socstream.core.fusion.CapacityPoint;
import io.socstream.core.fusion.FusionParameters;
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
 * With fusion on, the stream's {@code soc} (fused) and {@code model_soc} equal the offline {@link
 * RecordingEstimator} row for row (|diff| ≤ 1e-6), with windows of several batteries batched
 * together: the stream fuses each battery's window before it accepts the battery's next sample.
 */
class FusedParityTest {

  private static final int BATTERIES = 2;

  private static final FusionParameters FUSION =
      new FusionParameters(
          List.of(new CapacityPoint(0, 2.9, 3.0), new CapacityPoint(40, 3.0, 3.0)),
          1e-7,
          1e-3,
          1e-2,
          1);

  @TempDir Path stateDir;

  /** The tiny drive-cycle model with fusion parameters, as a card with a fusion section gives. */
  private record Fused(SocModel model) implements SocModel {
    @Override
    public FeatureSpec featureSpec() {
      return model.featureSpec();
    }

    @Override
    public Normalization normalization() {
      return model.normalization();
    }

    @Override
    public String modelVersion() {
      return model.modelVersion();
    }

    @Override
    public FusionParameters fusionParameters() {
      return FUSION;
    }

    @Override
    public void normalizeInto(FeatureWindow window, float[] dst, int offset) {
      model.normalizeInto(window, dst, offset);
    }

    @Override
    public float[] predict(float[] windows, int count) {
      return model.predict(windows, count);
    }
  }

  @Test
  void fusedStreamEqualsTheOfflineEstimatorRowForRow() {
    Path modelDir = DriveCycle.modelDir();
    try (SavedModelRunner runner = SavedModelRunner.open(modelDir, RunnerOptions.defaults())) {
      SocModel model = new Fused(SavedModelSocModel.of(runner));
      FusedSeries offline = new RecordingEstimator(model).estimate(DriveCycle.cycle(), FUSION);

      List<SocEstimate> streamed;
      Map<String, String> settings =
          Map.of(SocStreamsConfig.BATCH_SIZE, "64", SocStreamsConfig.LINGER_MS, "1000");
      try (TopologyFixture f =
          TopologyFixture.start(stateDir, settings, model, "t-" + UUID.randomUUID())) {
        DriveCycle.pipeFleet(f, "fused-", BATTERIES);
        streamed = f.estimates();
        assertThat(f.deadLetters()).isEmpty();
      }

      assertThat(streamed).extracting(SocEstimate::getInferenceBatchSize).contains(BATTERIES);
      double largestCorrection = 0;
      for (int b = 0; b < BATTERIES; b++) {
        String id = "fused-" + b;
        List<SocEstimate> battery =
            streamed.stream().filter(e -> e.getBatteryId().equals(id)).toList();
        assertThat(battery).as(id).hasSize(offline.size());
        for (int w = 0; w < offline.size(); w++) {
          SocEstimate e = battery.get(w);
          assertThat(e.getTimestamp().toEpochMilli()).isEqualTo(offline.timestampMs()[w]);
          assertThat(e.getSoc())
              .as("soc, %s row %d", id, w)
              .isCloseTo(offline.soc()[w], within(1e-6));
          assertThat(e.getModelSoc())
              .as("model_soc, %s row %d", id, w)
              .isCloseTo(offline.modelSoc()[w], within(1e-6));
          largestCorrection = Math.max(largestCorrection, Math.abs(e.getSoc() - e.getModelSoc()));
        }
      }
      // Fusion really ran: the published soc is not the model's own.
      assertThat(largestCorrection).isGreaterThan(1e-4);
    }
  }
}
