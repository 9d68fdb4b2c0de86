package io.socstream.core.inference;

import io.socstream.core.data.RecordedCycle;
import io.socstream.core.features.BatchFeatureExtractor;
import io.socstream.core.features.Normalization;
import io.socstream.core.features.WindowBlock;
import java.util.Arrays;

/**
 * Runs a {@link SocModel} over a whole recording: the batch feature extractor (every window,
 * warming-up ones included, as the stream emits them), the model's normalisation, inference in
 * batches, and clamping to [0, 1]. This is the offline path: model-export's {@code predict} and
 * {@code evaluate} share it, so a report's numbers are those of the estimates {@code predict}
 * writes, and the streams app's parity test checks the topology against it.
 */
public final class SocEstimator {

  /** Windows per inference call: big enough to amortise the call, small enough for memory. */
  public static final int DEFAULT_BATCH = 1024;

  private final SocModel model;
  private final int batch;

  public SocEstimator(SocModel model, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, was " + batch);
    }
    this.model = model;
    this.batch = batch;
  }

  public SocEstimator(SocModel model) {
    this(model, DEFAULT_BATCH);
  }

  /**
   * The model's raw outputs over a recording, one per window, in time order.
   *
   * @param name the recording's name
   * @param timestampMs time of each window's newest sample, epoch milliseconds
   * @param truth the recording's SOC label at that sample, NaN where it has none
   * @param raw the model's output, unclamped
   */
  public record RawEstimates(String name, long[] timestampMs, double[] truth, float[] raw) {

    /** The estimates clamped to [0, 1]. */
    public SocSeries clamped() {
      double[] estimate = new double[raw.length];
      for (int w = 0; w < raw.length; w++) {
        estimate[w] = clamp(raw[w]);
      }
      return new SocSeries(name, timestampMs, truth, estimate);
    }
  }

  /** One clamped estimate per window of the recording; true values from its SOC column. */
  public SocSeries estimate(RecordedCycle cycle) {
    return estimateRaw(cycle).clamped();
  }

  /** One raw (unclamped) model output per window of the recording; true values from its SOC. */
  public RawEstimates estimateRaw(RecordedCycle cycle) {
    // Zero labels so that every window is kept, labelled or not; the true SOC is looked up by the
    // window's sample index afterwards (NaN where the file has none).
    double[] keepAll = new double[cycle.size()];
    WindowBlock block =
        BatchFeatureExtractor.extract(cycle.samples(), keepAll, model.featureSpec(), true);
    Normalization normalization = model.normalization();
    int size = block.windowSize();
    long[] timestamps = new long[block.count()];
    double[] truth = new double[block.count()];
    float[] raw = new float[block.count()];
    for (int from = 0; from < block.count(); from += batch) {
      int count = Math.min(batch, block.count() - from);
      float[] windows = Arrays.copyOfRange(block.features(), from * size, (from + count) * size);
      normalization.normalizeInPlace(windows);
      float[] out = model.predict(windows, count);
      System.arraycopy(out, 0, raw, from, count);
    }
    for (int w = 0; w < block.count(); w++) {
      int sample = block.sampleIndex()[w];
      timestamps[w] = cycle.samples().get(sample).timestampMs();
      truth[w] = cycle.soc()[sample];
    }
    return new RawEstimates(cycle.name(), timestamps, truth, raw);
  }

  /** SOC is a fraction of full charge; the model's linear output can overshoot either end. */
  public static double clamp(float raw) {
    return Math.max(0.0, Math.min(1.0, raw));
  }
}
