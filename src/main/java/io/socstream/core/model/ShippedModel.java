package io.socstream.core.model;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the model shipped with the repository, {@value #RELATIVE_PATH} (a SavedModel with its
 * {@value ModelCard#FILE_NAME}), for every command that runs without an explicit model directory.
 *
 * <p>It looks upward (the directory itself, then each parent) from, in order: the directory in the
 * system property {@value #HOME_PROPERTY} (the repository root; {@code ./soc} sets it), the working
 * directory, and the location of this class's jar or classes directory (the build output lies
 * inside the repository). The first directory that holds {@value #RELATIVE_PATH}/{@value
 * ModelCard#FILE_NAME} wins.
 */
public final class ShippedModel {

  /** Where {@code ./soc train} exports the model, relative to the repository root. */
  public static final String RELATIVE_PATH = "model-export/model";

  /** System property naming the repository root; set by {@code ./soc}. */
  public static final String HOME_PROPERTY = "soc.home";

  private ShippedModel() {}

  /** The shipped model's directory (absolute, normalised), or empty when none is found. */
  public static Optional<Path> find() {
    for (Path start : searchedFrom()) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve(RELATIVE_PATH);
        if (Files.isRegularFile(candidate.resolve(ModelCard.FILE_NAME))) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The model a command runs: {@code given} (absolute, normalised) when not null, else the shipped
   * model ({@link #find()}).
   *
   * @param given the model directory the user named ({@code --model}), or null
   * @param hint what the user can do, appended to the one-line message (e.g. {@code "pass --model
   *     DIR"})
   * @throws IllegalArgumentException when {@code given} holds no {@value ModelCard#FILE_NAME}, or
   *     when it is null and no shipped model is found
   */
  public static Path resolve(Path given, String hint) {
    if (given == null) {
      return find().orElseThrow(() -> new IllegalArgumentException(notFound() + "; " + hint));
    }
    Path dir = given.toAbsolutePath().normalize();
    if (!Files.isRegularFile(dir.resolve(ModelCard.FILE_NAME))) {
      throw new IllegalArgumentException(
          "No model in "
              + dir
              + ": not a model directory (no "
              + ModelCard.FILE_NAME
              + "); "
              + hint);
    }
    return dir;
  }

  /**
   * What {@link #find()} found nothing in, for an error message: {@code no shipped model found
   * (model-export/model/model-card.json looked for upward from [...])}.
   */
  public static String notFound() {
    return "no shipped model found ("
        + RELATIVE_PATH
        + "/"
        + ModelCard.FILE_NAME
        + " looked for upward from "
        + searchedFrom()
        + ")";
  }

  /** The directories the search starts from, in order. */
  public static List<Path> searchedFrom() {
    Set<Path> starts = new LinkedHashSet<>();
    String home = System.getProperty(HOME_PROPERTY);
    if (home != null && !home.isBlank()) {
      starts.add(Path.of(home).toAbsolutePath().normalize());
    }
    starts.add(Path.of("").toAbsolutePath().normalize());
    try {
      Path code =
          Path.of(ShippedModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      starts.add(code.toAbsolutePath().normalize());
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // No code location (unusual class loader): the other starting points still apply.
    }
    return new ArrayList<>(starts);
  }
}
