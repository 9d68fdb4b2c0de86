package io.socstream.export.data;

import java.nio.file.Path;

/**
 * One file of the data set with its role.
 *
 * @param path the file
 * @param relativePath path relative to the data directory, with {@code /} separators, e.g. {@code
 *     25degC/551_UDDS_processed.csv}; what the model card and reports name it by
 * @param temperatureC ambient temperature of its folder, °C
 * @param name its parsed file name
 * @param role what it is used for
 */
public record DataFile(
    Path path, String relativePath, int temperatureC, CycleFileName name, DataRole role) {

  /** The test's name, e.g. {@code UDDS} or {@code Mixed8}. */
  public String test() {
    return name.test();
  }

  /** The file name without {@code .csv}, e.g. {@code 551_UDDS_processed}. */
  public String baseName() {
    String file = name.fileName();
    return file.substring(0, file.length() - ".csv".length());
  }
}
