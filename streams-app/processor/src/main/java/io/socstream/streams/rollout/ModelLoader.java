package io.socstream.streams.rollout;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.inference.RunnerOptions;
import io.socstream.core.inference.SavedModelRunner;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.core.model.ModelArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Loads a published model the way start-up loads {@code soc.model.dir}: unpacks the archive into a
 * temporary directory, opens it with {@link SavedModelRunner} (card validation, signature check)
 * and requires the card's feature spec to equal the running pipeline's. Whatever fails is released
 * before the exception leaves.
 */
public final class ModelLoader {

  private final FeatureSpec pipelineSpec;
  private final RunnerOptions options;
  private final RolloutMetrics metrics;

  public ModelLoader(FeatureSpec pipelineSpec, RunnerOptions options, RolloutMetrics metrics) {
    this.pipelineSpec = pipelineSpec;
    this.options = options;
    this.metrics = metrics;
  }

  /**
   * Loads {@code published}.
   *
   * @throws io.socstream.core.model.ModelCardException when the card is invalid or its features
   *     differ from the pipeline's
   * @throws RuntimeException when the archive or the SavedModel cannot be read
   */
  public LoadedModel load(PublishedModel published) {
    Path dir;
    try {
      dir = Files.createTempDirectory("soc-model-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for the model", e);
    }
    SavedModelRunner runner = null;
    try {
      ModelArchive.unpack(published.archive(), dir);
      runner = SavedModelRunner.open(dir, options);
      SavedModelSocModel model = new SavedModelSocModel(runner, pipelineSpec);
      SavedModelRunner owned = runner;
      return new LoadedModel(
          model,
          "models topic offset " + published.offset(),
          metrics.modelCalls(model.modelVersion(), published.role()),
          () -> {
            owned.close();
            deleteRecursively(dir);
          });
    } catch (RuntimeException e) {
      if (runner != null) {
        runner.close();
      }
      deleteRecursively(dir);
      throw e;
    }
  }

  static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }
}
