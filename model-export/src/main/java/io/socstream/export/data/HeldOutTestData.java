package io.socstream.export.data;

import java.nio.file.Path;
import java.util.List;

/**
 * The held-out test files: UDDS, HWFET, LA92 and US06 at every temperature present. Only the {@code
 * evaluate} command reads these.
 *
 * @param dataDir the data directory
 * @param files the test files, ordered by temperature then name
 */
public record HeldOutTestData(Path dataDir, List<DataFile> files) {

  public HeldOutTestData {
    files = List.copyOf(files);
  }

  /**
   * Finds the test files of an LG HG2 data directory.
   *
   * @throws DataDirectoryException when the directory is missing or holds no test drive cycle
   */
  public static HeldOutTestData discover(Path dataDir) {
    List<DataFile> test =
        DatasetScanner.scan(dataDir).stream().filter(f -> f.role() == DataRole.TEST).toList();
    if (test.isEmpty()) {
      throw new DataDirectoryException(
          "no test drive cycles (UDDS, HWFET, LA92, US06) in " + dataDir + "/<temp>degC/");
    }
    return new HeldOutTestData(dataDir, test);
  }
}
