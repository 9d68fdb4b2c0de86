package io.socstream.export.eval;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.Normalization;
import io.socstream.core.inference.RunnerOptions;
import io.socstream.core.inference.SavedModelRunner;
import java.nio.file.Path;

/** A model directory (SavedModel + model card) loaded through the core's runner. */
public final class SavedModelSocModel implements SocModel {

  private final SavedModelRunner runner;
  private final FeatureSpec spec;
  private final Normalization normalization;

  private SavedModelSocModel(SavedModelRunner runner) {
    this.runner = runner;
    this.spec = runner.card().featureSpec();
    this.normalization = runner.card().featureNormalization();
  }

  /**
   * Opens a model directory.
   *
   * @throws io.socstream.core.inference.ModelLoadException naming the directory and the problem
   */
  public static SavedModelSocModel open(Path modelDir) {
    return new SavedModelSocModel(SavedModelRunner.open(modelDir, RunnerOptions.defaults()));
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
    return runner.predict(windows, count);
  }

  @Override
  public String modelVersion() {
    return runner.card().modelVersion();
  }

  /** Where the model's ops run, e.g. {@code CPU:0}. */
  public String device() {
    return runner.device();
  }

  @Override
  public void close() {
    runner.close();
  }
}
