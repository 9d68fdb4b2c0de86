package io.socstream.export.cli;

import io.socstream.core.model.ShippedModel;
import java.nio.file.Path;

/**
 * Finds the model directory: {@code --model} when given, otherwise the repository's shipped model
 * ({@link ShippedModel}).
 */
final class ModelLocator {

  private ModelLocator() {}

  /**
   * @param explicit the {@code --model} option, or {@code null}
   * @throws IllegalArgumentException naming where it looked, when no model is found
   */
  static Path resolve(Path explicit) {
    return ShippedModel.resolve(explicit, "train one with `./soc train` or pass --model DIR");
  }

  /**
   * The model directory as a report shows it: relative to the working directory when it lies below
   * it, so a committed report names no machine path.
   */
  static Path forDisplay(Path modelDir) {
    Path cwd = Path.of("").toAbsolutePath().normalize();
    Path absolute = modelDir.toAbsolutePath().normalize();
    return absolute.startsWith(cwd) ? cwd.relativize(absolute) : modelDir;
  }
}
