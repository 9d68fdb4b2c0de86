package io.socstream.core.inference;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.Normalization;
import io.socstream.core.fusion.FusionParameters;
import io.socstream.core.model.ModelCard;
import java.nio.file.Path;

/**
 * A {@link SocModel} on a TensorFlow SavedModel directory (SavedModel + model card): the card gives
 * the feature spec, the version and the normalisation; the {@link SavedModelRunner} predicts.
 *
 * <p>{@link #open} opens its own runner and {@link #close()} closes it; {@link #of} and the
 * constructor wrap a runner that stays owned by the caller, and {@link #close()} leaves it open.
 */
public final class SavedModelSocModel implements SocModel {

  private final SavedModelRunner runner;
  private final boolean ownsRunner;
  private final FeatureSpec spec;
  private final Normalization normalization;
  // Built once: the stream asks for it per record (the card builds a new one per call).
  private final FusionParameters fusion;

  private SavedModelSocModel(SavedModelRunner runner, FeatureSpec servingSpec, boolean ownsRunner) {
    ModelCard card = runner.card();
    card.requireCompatible(servingSpec);
    this.runner = runner;
    this.ownsRunner = ownsRunner;
    this.spec = servingSpec;
    this.normalization = card.featureNormalization();
    this.fusion = card.fusionParameters();
  }

  /**
   * Serves {@code servingSpec} on an open runner.
   *
   * @param runner an open runner; stays owned by the caller
   * @param servingSpec the feature spec the stream computes; must match the card's
   * @throws io.socstream.core.model.ModelCardException when the card's features differ from {@code
   *     servingSpec}
   */
  public SavedModelSocModel(SavedModelRunner runner, FeatureSpec servingSpec) {
    this(runner, servingSpec, false);
  }

  /** Serves exactly the card's feature spec on an open runner that stays owned by the caller. */
  public static SavedModelSocModel of(SavedModelRunner runner) {
    return new SavedModelSocModel(runner, runner.card().featureSpec());
  }

  /**
   * Opens a model directory with the default runner options; {@link #close()} closes it.
   *
   * @throws ModelLoadException naming the directory and the problem
   */
  public static SavedModelSocModel open(Path modelDir) {
    return open(modelDir, RunnerOptions.defaults());
  }

  /**
   * Opens a model directory; {@link #close()} closes it.
   *
   * @throws ModelLoadException naming the directory and the problem
   */
  public static SavedModelSocModel open(Path modelDir, RunnerOptions options) {
    SavedModelRunner runner = SavedModelRunner.open(modelDir, options);
    try {
      return new SavedModelSocModel(runner, runner.card().featureSpec(), true);
    } catch (RuntimeException e) {
      runner.close();
      throw e;
    }
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
  public String modelVersion() {
    return runner.card().modelVersion();
  }

  @Override
  public float[] predict(float[] windows, int count) {
    return runner.predict(windows, count);
  }

  @Override
  public FusionParameters fusionParameters() {
    return fusion;
  }

  /** The model's card (version, normalisation, input ranges, provenance). */
  public ModelCard card() {
    return runner.card();
  }

  /** Where the model's ops run, e.g. {@code CPU:0}. */
  public String device() {
    return runner.device();
  }

  /** Closes the runner if {@link #open} opened it; a caller's runner stays open. */
  @Override
  public void close() {
    if (ownsRunner) {
      runner.close();
    }
  }
}
