package io.socstream.core.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks the files a command was given, with messages that say what is wrong with them. */
public final class InputFiles {

  private InputFiles() {}

  /**
   * Passes a readable regular file.
   *
   * @throws IllegalArgumentException "Input file X does not exist", "... is a directory" or "... is
   *     not a readable file"
   */
  public static void requireReadableFile(Path file) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(
          "Input file " + file + " is a directory (give the files in it)");
    }
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("Input file " + file + " does not exist");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException("Input file " + file + " is not a readable file");
    }
  }
}
