package io.socstream.export.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Lists the used files of an LG HG2 data directory ({@code <dir>/<temp>degC/<file>.csv}) with their
 * roles. Package-private on purpose: code outside this package sees the files only through {@link
 * TrainingData} (train + validation) or {@link HeldOutTestData} (test).
 */
final class DatasetScanner {

  private DatasetScanner() {}

  /**
   * Every file that has a role, ordered by temperature then file name.
   *
   * @throws DataDirectoryException when the directory is missing or has no temperature folders
   */
  static List<DataFile> scan(Path dataDir) {
    if (!Files.isDirectory(dataDir)) {
      throw new DataDirectoryException(
          "data directory " + dataDir + " does not exist or is not a directory");
    }
    List<DataFile> files = new ArrayList<>();
    int temperatureFolders = 0;
    for (Path folder : children(dataDir)) {
      OptionalInt temperature = TemperatureFolder.parse(folder.getFileName().toString());
      if (!Files.isDirectory(folder) || temperature.isEmpty()) {
        continue;
      }
      temperatureFolders++;
      for (Path file : children(folder)) {
        String fileName = file.getFileName().toString();
        Optional<CycleFileName> name = CycleFileName.parse(fileName);
        if (name.isEmpty() || !Files.isRegularFile(file)) {
          continue;
        }
        Optional<DataRole> role = SplitRules.roleOf(temperature.getAsInt(), name.get());
        if (role.isPresent()) {
          String relative = folder.getFileName() + "/" + fileName;
          files.add(new DataFile(file, relative, temperature.getAsInt(), name.get(), role.get()));
        }
      }
    }
    if (temperatureFolders == 0) {
      throw new DataDirectoryException(
          "data directory "
              + dataDir
              + " has no temperature folders (expected e.g. 25degC/, n10degC/ holding"
              + " <test>_<name>_processed.csv files)");
    }
    files.sort(
        Comparator.comparingInt(DataFile::temperatureC).thenComparing(DataFile::relativePath));
    return List.copyOf(files);
  }

  private static List<Path> children(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
