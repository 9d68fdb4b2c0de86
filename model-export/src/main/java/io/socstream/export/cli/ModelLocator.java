package io.socstream.export.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the model directory: {@code --model} when given, otherwise the shipped model at {@value
 * #SHIPPED_MODEL} of the repository, found from the system property {@value #HOME_PROPERTY} (set by
 * {@code ./soc}) or by walking up from the working directory and from the jar's location.
 */
final class ModelLocator {

  static final String SHIPPED_MODEL = "model-export/model";
  static final String HOME_PROPERTY = "soc.home";
  static final String CARD = "model-card.json";

  private ModelLocator() {}

  /**
   * @param explicit the {@code --model} option, or {@code null}
   * @throws IllegalArgumentException naming where it looked, when no model is found
   */
  static Path resolve(Path explicit) {
    if (explicit != null) {
      if (!Files.isRegularFile(explicit.resolve(CARD))) {
        throw new IllegalArgumentException(
            "--model " + explicit + " is not a model directory (no " + CARD + " in it)");
      }
      return explicit;
    }
    List<Path> starts = startingPoints();
    for (Path start : starts) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve(SHIPPED_MODEL);
        if (Files.isRegularFile(candidate.resolve(CARD))) {
          return candidate;
        }
      }
    }
    throw new IllegalArgumentException(
        "no shipped model found ("
            + SHIPPED_MODEL
            + "/"
            + CARD
            + " looked for upward from "
            + starts
            + "); train one with `./soc train` or pass --model DIR");
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

  private static List<Path> startingPoints() {
    Set<Path> starts = new LinkedHashSet<>();
    String home = System.getProperty(HOME_PROPERTY);
    if (home != null && !home.isBlank()) {
      starts.add(Path.of(home).toAbsolutePath().normalize());
    }
    starts.add(Path.of("").toAbsolutePath().normalize());
    try {
      Path code =
          Path.of(ModelLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      starts.add(code.toAbsolutePath().normalize());
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // No code location (unusual class loader): the other starting points still apply.
    }
    return new ArrayList<>(starts);
  }
}
