package io.socstream.export.eval;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.Normalization;
import io.socstream.core.inference.SocModel;
import java.util.Arrays;

/**
 * A model without TensorFlow: the estimate is {@code 0.5 + 0.4 * (normalised voltage of the newest
 * step)}, which overshoots [0, 1] on purpose so that clamping is exercised.
 */
final class LinearFakeModel implements SocModel {

  private final FeatureSpec spec;
  private final Normalization normalization;
  int calls;

  LinearFakeModel(FeatureSpec spec) {
    this.spec = spec;
    float[] mean = new float[spec.featureCount()];
    float[] std = new float[spec.featureCount()];
    Arrays.fill(std, 1f);
    mean[0] = 3.9f;
    std[0] = 0.1f;
    this.normalization = new Normalization(mean, std);
  }

  @Override
  public FeatureSpec featureSpec() {
    return spec;
  }

  @Override
  public Normalization normalization() {
    return normalization;
  }

  @Override
  public float[] predict(float[] windows, int count) {
    calls++;
    int size = spec.windowLength() * spec.featureCount();
    float[] out = new float[count];
    for (int w = 0; w < count; w++) {
      float voltage = windows[w * size + size - spec.featureCount()];
      out[w] = 0.5f + 0.4f * voltage;
    }
    return out;
  }

  @Override
  public String modelVersion() {
    return "linear-fake";
  }

  @Override
  public void close() {}
}
