package io.socstream.streams;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.socstream.avro.Telemetry;
import io.socstream.core.data.LgCsvReader;
import io.socstream.core.data.RecordedCycle;
import io.socstream.core.features.BatchFeatureExtractor;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.Normalization;
import io.socstream.core.features.Sample;
import io.socstream.core.features.WindowBlock;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.core.inference.SocEstimator;
import io.socstream.core.inference.SocSeries;
import io.socstream.core.inference.TinyModel;
import io.socstream.core.inference.TinyModelFactory;
import io.socstream.core.model.ModelCard;
import io.socstream.core.model.ShippedModel;
import io.socstream.core.model.TrainingFile;
import io.socstream.core.model.TrainingInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.TensorFlow;

/**
 * A committed slice of a held-out test drive cycle, the first 900 rows of LG HG2 {@code 551_US06}
 * at 25 °C (Kollmeyer et al. 2020, Mendeley Data doi:10.17632/cp3473x7xv.3, CC BY 4.0), from
 * soc-core's test-jar (see {@code src/test/resources/fixtures/README.md} at the repository root), a
 * model for it, and the offline estimates the {@code ./soc predict} path gives for it.
 *
 * <p>Model: the shipped model at {@code model-export/model/} when the repository has one, otherwise
 * the core's tiny test model with the default feature spec (T = 30, 500 s means) and a card whose
 * normalisation is fitted on this slice (the tiny card's fixed constants would saturate its sigmoid
 * on real data, giving estimates of 0 or 1).
 */
public final class DriveCycle {

  public static final String FIXTURE = "/fixtures/551_US06_25degC_head900.csv";
  public static final String NAME = "551_US06_25degC_head900";
  public static final int ROWS = 900;

  private static RecordedCycle cycle;
  private static Path modelDir;

  private DriveCycle() {}

  /** The slice as the offline path reads it. */
  public static synchronized RecordedCycle cycle() {
    if (cycle == null) {
      try (InputStream in = DriveCycle.class.getResourceAsStream(FIXTURE)) {
        if (in == null) {
          throw new IllegalStateException("missing test resource " + FIXTURE);
        }
        cycle = LgCsvReader.read(in, NAME);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cycle;
  }

  /** The slice as telemetry of {@code battery}, measurement time as read by {@link LgCsvReader}. */
  public static List<Telemetry> telemetry(String battery) {
    List<Telemetry> out = new ArrayList<>();
    for (Sample s : cycle().samples()) {
      out.add(
          TopologyFixture.sample(
              battery, s.timestampMs(), s.voltage(), s.current(), s.temperature()));
    }
    return out;
  }

  /**
   * Pipes the slice of {@code batteries} batteries ({@code idPrefix + 0}, {@code + 1}, …) into
   * {@code f} row by row, interleaved as a fleet sends it, then lets the linger pass.
   */
  public static void pipeFleet(TopologyFixture f, String idPrefix, int batteries) {
    List<List<Telemetry>> fleet = new ArrayList<>();
    for (int b = 0; b < batteries; b++) {
      fleet.add(telemetry(idPrefix + b));
    }
    for (int row = 0; row < ROWS; row++) {
      for (List<Telemetry> battery : fleet) {
        f.pipe(battery.get(row));
      }
    }
    f.driver.advanceWallClockTime(Duration.ofSeconds(1));
  }

  /** The shipped model if the repository has one, else the tiny model fitted to the slice. */
  public static synchronized Path modelDir() {
    if (modelDir == null) {
      Path shipped = shippedModel();
      modelDir = shipped != null ? shipped : exportFittedTinyModel();
    }
    return modelDir;
  }

  /** The shipped model ({@link ShippedModel}), or null when the checkout has none. */
  public static Path shippedModel() {
    return ShippedModel.find().orElse(null);
  }

  private static Path exportFittedTinyModel() {
    FeatureSpec spec = FeatureSpec.defaults();
    RecordedCycle c = cycle();
    WindowBlock block =
        BatchFeatureExtractor.extract(c.samples(), new double[c.size()], spec, true);
    Normalization fitted = Normalization.fit(block);
    ModelCard card =
        ModelCard.create(
            TinyModelFactory.MODEL_VERSION + "-fitted-551-us06",
            Instant.parse("2026-11-27T10:00:00Z"),
            TensorFlow.version(),
            spec,
            fitted.mean(),
            fitted.std(),
            new TrainingInfo(
                List.of(new TrainingFile("fixtures/" + NAME + ".csv", "0".repeat(64), 0L, "test")),
                42L,
                JsonNodeFactory.instance.objectNode().put("kind", "tiny-linear"),
                "DriveCycle: tiny model, normalisation fitted on the slice"),
            null);
    try {
      Path dir = Files.createTempDirectory("soc-tiny-551-us06");
      Files.delete(dir); // the export creates it
      try (TinyModel model = TinyModelFactory.build(spec)) {
        model.export(dir, card);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One offline estimate per window of the slice.
   *
   * @param timestamps the window's newest sample's time
   * @param truth the CSV's SOC label at that sample
   * @param raw the model output
   * @param soc the output clamped to [0, 1]
   */
  public record Offline(long[] timestamps, double[] truth, float[] raw, double[] soc) {

    public int count() {
      return timestamps.length;
    }

    /** Mean absolute error of {@link #soc} against {@link #truth}. */
    public double mae() {
      return meanAbsoluteError(truth, soc);
    }
  }

  /** Mean |estimate - truth|, in double, in order (as model-export's {@code ErrorMetrics}). */
  public static double meanAbsoluteError(double[] truth, double[] estimate) {
    if (truth.length != estimate.length || truth.length == 0) {
      throw new IllegalArgumentException(truth.length + " true values, " + estimate.length);
    }
    double sum = 0;
    for (int i = 0; i < truth.length; i++) {
      sum += Math.abs(estimate[i] - truth[i]);
    }
    return sum / truth.length;
  }

  /**
   * The offline path of {@code ./soc predict} / {@code ./soc evaluate}: the core's {@link
   * SocEstimator} (in its default batches of {@value SocEstimator#DEFAULT_BATCH}) on the model
   * directory opened as a {@link SavedModelSocModel}, over the slice as {@link LgCsvReader} reads
   * it; raw outputs and their clamping to [0, 1].
   */
  public static Offline offline(Path modelDir) {
    try (SavedModelSocModel model = SavedModelSocModel.open(modelDir)) {
      SocEstimator.RawEstimates raw = new SocEstimator(model).estimateRaw(cycle());
      SocSeries series = raw.clamped();
      return new Offline(series.timestampMs(), series.truth(), raw.raw(), series.estimate());
    }
  }
}
