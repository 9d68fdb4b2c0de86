package io.socstream.export.data;

import io.socstream.core.data.LgCsvReader;
import io.socstream.core.data.RecordedCycle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads data files and hashes them. */
public final class CycleLoader {

  private CycleLoader() {}

  /**
   * Reads a file once, hashing and parsing the same bytes, so the recorded hash is the hash of what
   * the model actually saw.
   */
  public static LoadedCycle load(DataFile file) {
    byte[] bytes = readAll(file.path());
    try {
      RecordedCycle cycle =
          LgCsvReader.read(
              new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8),
              file.baseName(),
              file.path().toString());
      return new LoadedCycle(file, cycle, sha256(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.path(), e);
    }
  }

  /** Lowercase hex SHA-256. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static byte[] readAll(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
