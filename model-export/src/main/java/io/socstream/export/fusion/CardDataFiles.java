package io.socstream.export.fusion;

import io.socstream.core.data.LgCsvReader;
import io.socstream.core.data.RecordedCycle;
import io.socstream.core.model.ModelCard;
import io.socstream.core.model.TrainingFile;
import io.socstream.export.data.CycleFileName;
import io.socstream.export.data.CycleLoader;
import io.socstream.export.data.DataRole;
import io.socstream.export.data.TemperatureFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The model's own training and validation files, as its card lists them, read from a data directory
 * and checked against the card's hashes. The fusion is fitted on these files only, so it follows
 * whatever split the model was trained with and never sees a test cycle.
 */
final class CardDataFiles {

  /**
   * One listed file, read.
   *
   * @param relativePath as the card names it, e.g. {@code n10degC/604_Mixed8_processed.csv}
   * @param path the file in the data directory
   * @param temperatureC ambient temperature of its folder
   * @param role its role in the card
   * @param cycle its samples and SOC labels
   */
  record CardFile(
      String relativePath, Path path, int temperatureC, String role, RecordedCycle cycle) {}

  private CardDataFiles() {}

  /**
   * The card's files with role {@code roles}, in card order.
   *
   * @throws IllegalArgumentException when a file is missing, differs from its card hash, lies in a
   *     folder without a temperature, or is a test file
   */
  static List<CardFile> read(ModelCard card, Path dataDir, List<DataRole> roles)
      throws IOException {
    List<String> wanted = roles.stream().map(DataRole::cardName).toList();
    List<CardFile> files = new ArrayList<>();
    for (TrainingFile listed : card.training().data()) {
      if (!wanted.contains(listed.role())) {
        continue;
      }
      String fileName = Path.of(listed.file()).getFileName().toString();
      if (CycleFileName.parse(fileName).map(CycleFileName::isStandardDriveCycle).orElse(false)) {
        throw new IllegalArgumentException(
            listed.file() + " is a held-out test drive cycle; the fusion never fits on one");
      }
      Path path = dataDir.resolve(listed.file());
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException(
            "the model's " + listed.role() + " file " + listed.file() + " is not in " + dataDir);
      }
      byte[] bytes = Files.readAllBytes(path);
      if (!CycleLoader.sha256(bytes).equals(listed.sha256())) {
        throw new IllegalArgumentException(
            path + " differs from the file the model card lists (sha256 mismatch)");
      }
      String folder = Path.of(listed.file()).getParent().getFileName().toString();
      OptionalInt temperature = TemperatureFolder.parse(folder);
      if (temperature.isEmpty()) {
        throw new IllegalArgumentException(
            listed.file() + ": folder " + folder + " names no temperature");
      }
      files.add(
          new CardFile(
              listed.file(), path, temperature.getAsInt(), listed.role(), LgCsvReader.read(path)));
    }
    return files;
  }
}
