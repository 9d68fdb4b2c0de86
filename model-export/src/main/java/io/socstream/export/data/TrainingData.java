package io.socstream.export.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files training may read: train and validation, never test. The training command gets its data
 * only from here, so the held-out drive cycles cannot leak into weights, normalisation or early
 * stopping.
 *
 * @param dataDir the data directory
 * @param train the training files, ordered by temperature then name
 * @param validation one file per temperature, in the same order
 */
public record TrainingData(Path dataDir, List<DataFile> train, List<DataFile> validation) {

  public TrainingData {
    train = List.copyOf(train);
    validation = List.copyOf(validation);
  }

  /**
   * Finds the train and validation files of an LG HG2 data directory.
   *
   * @throws DataDirectoryException when the directory is missing, has no training files, or a
   *     temperature that has training files lacks its validation file
   */
  public static TrainingData discover(Path dataDir) {
    List<DataFile> all = DatasetScanner.scan(dataDir);
    List<DataFile> train = all.stream().filter(f -> f.role() == DataRole.TRAIN).toList();
    List<DataFile> validation = all.stream().filter(f -> f.role() == DataRole.VALIDATION).toList();
    if (train.isEmpty()) {
      throw new DataDirectoryException(
          "no training files (Mixed drive cycles) in " + dataDir + "/<temp>degC/");
    }
    Set<Integer> validated = new TreeSet<>();
    validation.forEach(f -> validated.add(f.temperatureC()));
    for (DataFile file : train) {
      if (!validated.contains(file.temperatureC())) {
        throw new DataDirectoryException(missingValidation(dataDir, file.temperatureC()));
      }
    }
    return new TrainingData(dataDir, train, validation);
  }

  private static String missingValidation(Path dataDir, int temperatureC) {
    CycleFileName expected = SplitRules.VALIDATION.get(temperatureC);
    String folder = TemperatureFolder.nameOf(temperatureC);
    return expected == null
        ? "no validation cycle is defined for " + temperatureC + " degC (" + folder + "/)"
        : "validation file " + dataDir.resolve(folder).resolve(expected.fileName()) + " is missing";
  }
}
