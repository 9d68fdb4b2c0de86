package io.socstream.streams.model;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureWindow;
import io.socstream.core.features.Normalization;
import io.socstream.core.inference.SavedModelRunner;
import io.socstream.core.model.ModelCard;

/**
 * A {@link SocModel} on a TensorFlow SavedModel: the card gives the feature spec, the version and
 * the normalisation; the runner predicts.
 */
public final class SavedModelSocModel implements SocModel {

  private final SavedModelRunner runner;
  private final FeatureSpec spec;
  private final Normalization normalization;

  /**
   * @param runner an open runner; stays owned by the caller
   * @param servingSpec the feature spec the stream computes; must match the card's
   * @throws io.socstream.core.model.ModelCardException when the card's features differ from {@code
   *     servingSpec}
   */
  public SavedModelSocModel(SavedModelRunner runner, FeatureSpec servingSpec) {
    ModelCard card = runner.card();
    card.requireCompatible(servingSpec);
    this.runner = runner;
    this.spec = servingSpec;
    this.normalization = card.featureNormalization();
  }

  /** Serves exactly the card's feature spec. */
  public static SavedModelSocModel of(SavedModelRunner runner) {
    return new SavedModelSocModel(runner, runner.card().featureSpec());
  }

  @Override
  public FeatureSpec featureSpec() {
    return spec;
  }

  @Override
  public String modelVersion() {
    return runner.card().modelVersion();
  }

  @Override
  public void normalizeInto(FeatureWindow window, float[] dst, int offset) {
    normalization.normalizeInto(window, dst, offset);
  }

  @Override
  public float[] predict(float[] windows, int batchSize) {
    return runner.predict(windows, batchSize);
  }
}
