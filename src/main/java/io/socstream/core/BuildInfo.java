package io.socstream.core;

import io.socstream.core.model.ModelCard;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What {@code soc -V} prints: the project version and git commit this build was made from
 * (build-info.properties, filled in by Maven), and the version of the model a command uses by
 * default.
 *
 * @param version the project version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit the abbreviated git commit, {@code +dirty} when built with uncommitted changes;
 *     {@code unknown} when built outside a git checkout
 */
public record BuildInfo(String version, String commit) {

  private static final String RESOURCE = "/io/socstream/core/build-info.properties";

  /** This build's info; {@code unknown} where the build could not tell. */
  public static BuildInfo current() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String commit = known(p.getProperty("commit"));
    if (!commit.equals("unknown") && "true".equals(p.getProperty("dirty"))) {
      commit += "+dirty";
    }
    return new BuildInfo(known(p.getProperty("version")), commit);
  }

  /**
   * The lines of a {@code --version} answer.
   *
   * @param program e.g. {@code soc-stream}
   * @param defaultModel the model directory the commands use by default, null = none found
   */
  public List<String> versionLines(String program, Path defaultModel) {
    List<String> lines = new ArrayList<>();
    lines.add(program + " " + version);
    lines.add("git commit: " + commit);
    lines.add("shipped model: " + modelVersion(defaultModel));
    return lines;
  }

  /** The model card's version, or a short reason why there is none. */
  static String modelVersion(Path modelDir) {
    if (modelDir == null || !Files.isRegularFile(modelDir.resolve(ModelCard.FILE_NAME))) {
      return "none found (model-export/model/" + ModelCard.FILE_NAME + ")";
    }
    try {
      return ModelCard.read(modelDir.resolve(ModelCard.FILE_NAME)).modelVersion()
          + " ("
          + modelDir
          + ")";
    } catch (RuntimeException e) {
      return "unreadable card in " + modelDir + ": " + e.getMessage();
    }
  }

  private static String known(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value.strip();
  }
}
