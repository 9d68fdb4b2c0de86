package io.socstream.core.estimate;

import io.socstream.core.data.RecordedCycle;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureUpdate;
import io.socstream.core.features.Normalization;
import io.socstream.core.features.Sample;
import io.socstream.core.fusion.FusionParameters;
import io.socstream.core.inference.SocModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline run of one {@link BatteryEstimator} over a whole recording, as the stream runs it:
 * accept every sample, run the model on the emitted windows in batches, then fuse each window's
 * output in order. Fusing needs the outputs in sample order, and the model runs in batches, so it
 * takes two passes over the samples: {@link #modelOutputs} (pass 1: features and the model) and
 * {@link #fuse} (pass 2: a fresh estimator replays the samples and fuses each window before the
 * next accept, exactly the stream's rule). Pass 2 alone is cheap, so fitting the fusion reruns it
 * with many parameter sets on one pass 1.
 */
public final class RecordingEstimator {

  /** Windows per inference call. */
  public static final int DEFAULT_BATCH = 1024;

  private final SocModel model;
  private final int batch;

  public RecordingEstimator(SocModel model, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, was " + batch);
    }
    this.model = model;
    this.batch = batch;
  }

  public RecordingEstimator(SocModel model) {
    this(model, DEFAULT_BATCH);
  }

  /** Both passes with the model's own fusion parameters. */
  public FusedSeries estimate(RecordedCycle cycle) {
    return estimate(cycle, model.fusionParameters());
  }

  /** Both passes with {@code fusion}. */
  public FusedSeries estimate(RecordedCycle cycle, FusionParameters fusion) {
    return fuse(cycle, modelOutputs(cycle), model.featureSpec(), fusion);
  }

  /** Pass 1: the model's raw output for every window the estimator emits, in order. */
  public float[] modelOutputs(RecordedCycle cycle) {
    FeatureSpec spec = model.featureSpec();
    Normalization normalization = model.normalization();
    BatteryEstimator estimator = BatteryEstimator.fresh(spec, FusionParameters.OFF);
    int size = spec.windowLength() * spec.featureCount();
    List<float[]> outputs = new ArrayList<>();
    float[] pending = new float[batch * size];
    int count = 0;
    int total = 0;
    for (Sample sample : cycle.samples()) {
      FeatureUpdate update = estimator.accept(sample);
      if (update.hasWindow()) {
        normalization.normalizeInto(update.window(), pending, count * size);
        count++;
        if (count == batch) {
          outputs.add(model.predict(pending, count));
          total += count;
          count = 0;
        }
      }
    }
    if (count > 0) {
      float[] last = new float[count * size];
      System.arraycopy(pending, 0, last, 0, last.length);
      outputs.add(model.predict(last, count));
      total += count;
    }
    float[] all = new float[total];
    int at = 0;
    for (float[] out : outputs) {
      System.arraycopy(out, 0, all, at, out.length);
      at += out.length;
    }
    return all;
  }

  /**
   * Pass 2: replays the recording through a fresh estimator with {@code fusion}, fusing output
   * {@code k} into the k-th emitted window before the next sample is accepted.
   *
   * @throws IllegalArgumentException when {@code outputs} does not hold one value per window
   */
  public static FusedSeries fuse(
      RecordedCycle cycle, float[] outputs, FeatureSpec spec, FusionParameters fusion) {
    BatteryEstimator estimator = BatteryEstimator.fresh(spec, fusion);
    int n = outputs.length;
    int[] index = new int[n];
    long[] timestamps = new long[n];
    double[] truth = new double[n];
    double[] soc = new double[n];
    double[] modelSoc = new double[n];
    boolean[] warmingUp = new boolean[n];
    int w = 0;
    List<Sample> samples = cycle.samples();
    for (int s = 0; s < samples.size(); s++) {
      FeatureUpdate update = estimator.accept(samples.get(s));
      if (update.hasWindow()) {
        if (w == n) {
          throw new IllegalArgumentException(
              cycle.name() + ": more windows than the " + n + " model outputs given");
        }
        FusedSoc fused = estimator.fuse(outputs[w], update.window());
        index[w] = s;
        timestamps[w] = update.window().endTimestampMs();
        truth[w] = cycle.soc()[s];
        soc[w] = fused.soc();
        modelSoc[w] = fused.modelSoc();
        warmingUp[w] = update.window().warmingUp();
        w++;
      }
    }
    if (w != n) {
      throw new IllegalArgumentException(
          cycle.name() + ": " + w + " windows for " + n + " model outputs");
    }
    return new FusedSeries(cycle.name(), index, timestamps, truth, soc, modelSoc, warmingUp);
  }
}
