package io.socstream.streams.model;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureWindow;

/**
 * What the topology needs from a model: its feature contract, its version, its normalisation and a
 * batched prediction. Thread-safe: the stream threads share one instance.
 */
public interface SocModel {

  /** The feature spec the model was trained on (window length T, horizons, gap). */
  FeatureSpec featureSpec();

  /** The model's version label, copied into every estimate. */
  String modelVersion();

  /**
   * Writes {@code window} normalised, row-major {@code [T][F]}, into {@code dst} at {@code offset}.
   */
  void normalizeInto(FeatureWindow window, float[] dst, int offset);

  /**
   * SOC for {@code batchSize} normalised windows laid out row-major {@code [B][T][F]}; one value
   * per window, unclamped. The result must not depend on how windows are grouped into batches.
   */
  float[] predict(float[] windows, int batchSize);
}
