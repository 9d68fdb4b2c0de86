package io.socstream.core.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A model directory (SavedModel + {@value ModelCard#FILE_NAME}) as one byte array, so that it fits
 * in one Kafka record (the models topic of {@code ./soc models publish}).
 *
 * <p>The format is a zip of the directory's regular files, in sorted path order, with a fixed entry
 * time: packing the same directory twice gives the same bytes. Both directions validate the card
 * with the same rules as start-up ({@link ModelCard#read}); {@link #unpack} refuses paths that
 * would leave the target directory and archives over {@link #MAX_UNPACKED_BYTES}.
 */
public final class ModelArchive {

  /** The most an archive may unpack to; a real model is about 150 KB. */
  public static final long MAX_UNPACKED_BYTES = 64L * 1024 * 1024;

  /** Entry time of every file (2000-01-01T00:00:00Z), so the bytes do not depend on file times. */
  private static final long ENTRY_TIME_MS = 946_684_800_000L;

  private ModelArchive() {}

  /**
   * Packs {@code modelDir}.
   *
   * @throws ModelCardException when the directory has no valid card
   * @throws UncheckedIOException when a file cannot be read
   */
  public static byte[] pack(Path modelDir) {
    ModelCard.read(modelDir.resolve(ModelCard.FILE_NAME));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Path file : files(modelDir)) {
        ZipEntry entry = new ZipEntry(entryName(modelDir, file));
        entry.setTime(ENTRY_TIME_MS);
        zip.putNextEntry(entry);
        Files.copy(file, zip);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack " + modelDir + ": " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  /**
   * The archive's card, validated, without unpacking the model.
   *
   * @throws ModelCardException when the card is missing or invalid
   * @throws IllegalArgumentException when the bytes are not a model archive
   */
  public static ModelCard card(byte[] archive) {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.getName().equals(ModelCard.FILE_NAME)) {
          String json = new String(readLimited(zip, MAX_UNPACKED_BYTES), StandardCharsets.UTF_8);
          return ModelCard.parse(json, "model archive " + ModelCard.FILE_NAME);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not a model archive: " + e.getMessage(), e);
    }
    throw new ModelCardException(
        "Invalid model archive", List.of(ModelCard.FILE_NAME + ": missing"));
  }

  /**
   * Unpacks {@code archive} into {@code targetDir} (created if missing) and validates the card
   * there.
   *
   * @return the card
   * @throws ModelCardException when the card is missing or invalid
   * @throws IllegalArgumentException when the bytes are not a model archive, an entry would leave
   *     {@code targetDir}, or the content exceeds {@link #MAX_UNPACKED_BYTES}
   */
  public static ModelCard unpack(byte[] archive, Path targetDir) {
    Path root = targetDir.toAbsolutePath().normalize();
    long total = 0;
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
      Files.createDirectories(root);
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
          throw new IllegalArgumentException(
              "model archive entry \"" + entry.getName() + "\" leaves the target directory");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        byte[] content = readLimited(zip, MAX_UNPACKED_BYTES - total);
        total += content.length;
        Files.createDirectories(target.getParent());
        Files.write(target, content);
        entries++;
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not a model archive: " + e.getMessage(), e);
    }
    if (entries == 0) {
      throw new IllegalArgumentException("not a model archive: no files");
    }
    return ModelCard.read(root.resolve(ModelCard.FILE_NAME));
  }

  private static byte[] readLimited(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long read = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      read += n;
      if (read > limit) {
        throw new IllegalArgumentException(
            "model archive unpacks to more than " + MAX_UNPACKED_BYTES + " bytes");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> files = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
      files.sort((a, b) -> entryName(dir, a).compareTo(entryName(dir, b)));
      return files;
    }
  }

  private static String entryName(Path dir, Path file) {
    return dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }
}
