package io.socstream.streams.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the golden tests share: they compare generated files with the committed ones. */
public final class GoldenFiles {

  /** {@code -Dsoc.updateGolden=true}: the golden tests write the files instead of comparing. */
  public static final boolean UPDATE = Boolean.getBoolean("soc.updateGolden");

  private GoldenFiles() {}

  /**
   * The first folder upwards from the working directory with {@code mvnw} and {@code streams-app}.
   */
  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("streams-app"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }

  /**
   * The names of {@code generated} (file name relative to {@code dir} → content) whose committed
   * file under {@code dir} is missing or differs, in {@code generated}'s order.
   */
  public static List<String> stale(Path dir, Map<String, String> generated) throws IOException {
    List<String> stale = new ArrayList<>();
    for (Map.Entry<String, String> file : generated.entrySet()) {
      Path committed = dir.resolve(file.getKey());
      if (!Files.exists(committed)
          || !Files.readString(committed, StandardCharsets.UTF_8).equals(file.getValue())) {
        stale.add(file.getKey());
      }
    }
    return stale;
  }
}
