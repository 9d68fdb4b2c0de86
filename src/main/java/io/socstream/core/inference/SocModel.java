package io.socstream.core.inference;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureWindow;
import io.socstream.core.features.Normalization;
import io.socstream.core.fusion.FusionParameters;

/**
 * What estimating SOC needs from a model, offline ({@link SocEstimator}, behind {@code ./soc
 * predict} and {@code ./soc evaluate}) and in the stream (the topology's inference step): its
 * feature contract, its version, its normalisation and batched inference on normalised windows.
 * Thread-safe: the stream threads share one instance.
 */
public interface SocModel extends AutoCloseable {

  /** The feature spec the model was trained on (window length T, horizons, gap). */
  FeatureSpec featureSpec();

  /** The normalisation fitted on the training windows. */
  Normalization normalization();

  /** The model's version label, copied into every estimate and report. */
  String modelVersion();

  /**
   * The charge-counting fusion fitted for this model (the card's {@code fusion} section); {@link
   * FusionParameters#OFF} by default: estimates are served unfused.
   */
  default FusionParameters fusionParameters() {
    return FusionParameters.OFF;
  }

  /**
   * Writes {@code window} normalised, row-major {@code [T][F]}, into {@code dst} at {@code offset}.
   */
  default void normalizeInto(FeatureWindow window, float[] dst, int offset) {
    normalization().normalizeInto(window, dst, offset);
  }

  /**
   * SOC for {@code count} normalised windows laid out row-major {@code [B][T][F]}; one value per
   * window, unclamped. The result must not depend on how windows are grouped into batches.
   *
   * @param windows {@code count × T × F} normalised values, row-major [window][step][feature]
   * @param count number of windows, at least 1
   */
  float[] predict(float[] windows, int count);

  /** Releases what the model holds; the default holds nothing. */
  @Override
  default void close() {}
}
