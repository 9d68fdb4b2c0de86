package io.socstream.export.data;

import io.socstream.core.data.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Temporary data directories laid out like LG_HG2_processed, for tests without the real data set.
 */
public final class DataLayouts {

  private DataLayouts() {}

  /** The 205 relative paths of the real data set ({@code lg-hg2-layout.txt}, its file listing). */
  public static List<String> realLayout() {
    try (InputStream in = DataLayouts.class.getResourceAsStream("/lg-hg2-layout.txt")) {
      return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
          .filter(line -> !line.isBlank())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the first {@code rows} data rows of a fixture to {@code dir/relativePath}. */
  public static Path writeSlice(Path dir, String relativePath, String fixture, int rows) {
    String resource = "/fixtures/" + fixture + ".csv";
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      List<String> lines =
          new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(rows + 1L).toList();
      Path file = dir.resolve(relativePath);
      Files.createDirectories(file.getParent());
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of the whole real layout where every file is a short slice of the 25 °C fixture. */
  public static Path writeRealLayout(Path dir) {
    for (String relative : realLayout()) {
      writeSlice(dir, relative, Fixtures.MIXED1_25C, 3);
    }
    return dir;
  }
}
