package io.socstream.streams.bench;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.model.ModelCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which model the benchmark runs: {@code --model DIR} when given; else the shipped model {@value
 * #SHIPPED_MODEL} of the repository (found from the {@value #HOME_PROPERTY} system property that
 * {@code ./soc} sets, or upward from the working directory and the jar); else, only then, a
 * stand-in with the same input shape exported to {@code fallbackDir} ({@link FallbackModel}).
 *
 * @param dir the model directory
 * @param source {@code "option"}, {@code "shipped"} or {@code "fallback"}
 */
public record BenchModel(Path dir, String source) {

  public static final String SHIPPED_MODEL = "model-export/model";
  public static final String HOME_PROPERTY = "soc.home";

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
      if (!Files.isRegularFile(explicit.resolve(ModelCard.FILE_NAME))) {
        throw new IllegalArgumentException(
            "--model " + explicit + " is not a model directory (no " + ModelCard.FILE_NAME + ")");
      }
      return new BenchModel(explicit.toAbsolutePath().normalize(), "option");
    }
    Path shipped = findShipped();
    if (shipped != null) {
      return new BenchModel(shipped, "shipped");
    }
    try {
      Files.createDirectories(fallbackDir.getParent());
      if (Files.exists(fallbackDir)) {
        deleteRecursively(fallbackDir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FallbackModel.export(fallbackDir, FeatureSpec.defaults());
    return new BenchModel(fallbackDir.toAbsolutePath().normalize(), "fallback");
  }

  /** The shipped model directory, or null when there is none. */
  public static Path findShipped() {
    for (Path start : startingPoints()) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve(SHIPPED_MODEL);
        if (Files.isRegularFile(candidate.resolve(ModelCard.FILE_NAME))) {
          return candidate;
        }
      }
    }
    return null;
  }

  private static List<Path> startingPoints() {
    Set<Path> starts = new LinkedHashSet<>();
    String home = System.getProperty(HOME_PROPERTY);
    if (home != null && !home.isBlank()) {
      starts.add(Path.of(home).toAbsolutePath().normalize());
    }
    starts.add(Path.of("").toAbsolutePath().normalize());
    try {
      starts.add(
          Path.of(BenchModel.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toAbsolutePath()
              .normalize());
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // no code location: the other starting points still apply
    }
    return new ArrayList<>(starts);
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
