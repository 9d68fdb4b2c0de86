package io.socstream.export.eval;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.Normalization;

/**
 * What estimating SOC over a recording needs from a model: its feature contract, its normalisation,
 * and batched inference on normalised windows.
 */
public interface SocModel extends AutoCloseable {

  /** The feature contract the model was trained with. */
  FeatureSpec featureSpec();

  /** The normalisation fitted on the training windows. */
  Normalization normalization();

  /**
   * Raw model outputs (not clamped).
   *
   * @param windows {@code count × T × F} normalised values, row-major [window][step][feature]
   * @param count number of windows, at least 1
   */
  float[] predict(float[] windows, int count);

  /** A model id for reports. */
  String modelVersion();

  @Override
  void close();
}
