package io.socstream.streams.bench;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.model.ShippedModel;
import io.socstream.streams.tools.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which model the benchmark runs: {@code --model DIR} when given; else the repository's shipped
 * model ({@link ShippedModel}); else, only then, a stand-in with the same input shape exported to
 * {@code fallbackDir} ({@link FallbackModel}).
 *
 * @param dir the model directory
 * @param source {@code "option"}, {@code "shipped"} or {@code "fallback"}
 */
public record BenchModel(Path dir, String source) {

  /** True when this is the repository's shipped (trained) model. */
  public boolean shipped() {
    return source.equals("shipped");
  }

  /** True when no model was found and the stand-in was exported. */
  public boolean fallback() {
    return source.equals("fallback");
  }

  /**
   * @param explicit {@code --model}, or null
   * @param fallbackDir where to export the stand-in when needed
   */
  public static BenchModel resolve(Path explicit, Path fallbackDir) {
    if (explicit != null) {
      return new BenchModel(ShippedModel.resolve(explicit, "pass --model DIR"), "option");
    }
    Path shipped = ShippedModel.find().orElse(null);
    if (shipped != null) {
      return new BenchModel(shipped, "shipped");
    }
    try {
      Files.createDirectories(fallbackDir.getParent());
      if (Files.exists(fallbackDir)) {
        Directories.deleteRecursively(fallbackDir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FallbackModel.export(fallbackDir, FeatureSpec.defaults());
    return new BenchModel(fallbackDir.toAbsolutePath().normalize(), "fallback");
  }
}
