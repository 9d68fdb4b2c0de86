package io.socstream.streams;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.inference.RunnerOptions;
import io.socstream.core.inference.SavedModelRunner;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.core.inference.TinyModelFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The core's tiny deterministic SavedModel, exported once per JVM for the topology tests. */
public final class TestModels {

  /** Small on purpose: T = 5 steps, one 10 s horizon, a gap over 5 s restarts the segment. */
  public static final FeatureSpec SPEC =
      new FeatureSpec(5, java.util.List.of(10), 5_000L, 10, true);

  private static Path dir;
  private static SavedModelRunner runner;

  private TestModels() {}

  /** The exported tiny model's directory. */
  public static synchronized Path modelDir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("soc-tiny-model");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      TinyModelFactory.export(dir, SPEC);
    }
    return dir;
  }

  /** One shared runner on the tiny model (thread-safe; closed with the JVM). */
  public static synchronized SavedModelSocModel tiny() {
    if (runner == null) {
      runner = SavedModelRunner.open(modelDir(), RunnerOptions.defaults());
    }
    return SavedModelSocModel.of(runner);
  }
}
