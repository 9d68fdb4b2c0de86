package io.socstream.export.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.core.data.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSplitTest {

  @TempDir Path dataDir;

  @Test
  void validationIsTheNamedMixedCycleOfEachTemperature() {
    TrainingData data = TrainingData.discover(DataLayouts.writeRealLayout(dataDir));

    assertThat(data.validation())
        .extracting(DataFile::relativePath)
        .containsExactly(
            "n20degC/611_Mixed8_processed.csv",
            "n10degC/604_Mixed8_processed.csv",
            "0degC/590_Mixed8_processed.csv",
            "10degC/571_Mixed8_processed.csv",
            "25degC/552_Mixed8_processed.csv",
            "40degC/557_Mixed3_processed.csv");
    assertThat(data.validation()).allMatch(f -> f.role() == DataRole.VALIDATION);
  }

  @Test
  void trainingIsEveryOtherMixedCycleWithoutTheBogus40DegreeOnes() {
    TrainingData data = TrainingData.discover(DataLayouts.writeRealLayout(dataDir));

    List<String> train = data.train().stream().map(DataFile::relativePath).toList();
    assertThat(train).allMatch(f -> f.matches("[n0-9]+degC/\\d+_Mixed\\d_processed\\.csv"));
    // -20: 7, -10: 7, 0: 6, 10: 6, 25: 7 (Mixed1-8 less Mixed8, no Mixed3 at 0 and 10), 40: 2.
    assertThat(train).hasSize(7 + 7 + 6 + 6 + 7 + 2);
    assertThat(train)
        .filteredOn(f -> f.startsWith("40degC/"))
        .containsExactly("40degC/556_Mixed1_processed.csv", "40degC/556_Mixed2_processed.csv");
    assertThat(train).noneMatch(f -> f.startsWith("40degC/562_"));
    assertThat(train)
        .doesNotContainAnyElementsOf(
            data.validation().stream().map(DataFile::relativePath).toList());
    assertThat(data.train()).allMatch(f -> f.role() == DataRole.TRAIN);
  }

  @Test
  void testFilesNeverReachTrainingOrValidation() {
    TrainingData data = TrainingData.discover(DataLayouts.writeRealLayout(dataDir));
    HeldOutTestData test = HeldOutTestData.discover(dataDir);

    Set<String> testFiles = Set.copyOf(test.files().stream().map(DataFile::relativePath).toList());
    assertThat(Stream.concat(data.train().stream(), data.validation().stream()))
        .noneMatch(f -> testFiles.contains(f.relativePath()))
        .noneMatch(f -> f.name().isStandardDriveCycle());
  }

  @Test
  void testSetIsEveryStandardDriveCyclePresent() {
    HeldOutTestData test = HeldOutTestData.discover(DataLayouts.writeRealLayout(dataDir));

    // 10 degC has no LA92, 25 degC no HWFET: 4 + 4 + 4 + 3 + 3 + 4.
    assertThat(test.files()).hasSize(22);
    assertThat(test.files()).allMatch(f -> f.role() == DataRole.TEST);
    assertThat(test.files())
        .filteredOn(f -> f.temperatureC() == -20)
        .extracting(DataFile::relativePath)
        .containsExactly(
            "n20degC/610_HWFET_processed.csv",
            "n20degC/610_LA92_processed.csv",
            "n20degC/610_UDDS_processed.csv",
            "n20degC/610_US06_processed.csv");
    assertThat(test.files())
        .extracting(DataFile::temperatureC)
        .containsOnly(-20, -10, 0, 10, 25, 40);
  }

  @Test
  void temperatureComesFromTheFolderName() {
    assertThat(TemperatureFolder.parse("n20degC")).hasValue(-20);
    assertThat(TemperatureFolder.parse("0degC")).hasValue(0);
    assertThat(TemperatureFolder.parse("40degC")).hasValue(40);
    assertThat(TemperatureFolder.parse("plots")).isEmpty();
    assertThat(TemperatureFolder.nameOf(-10)).isEqualTo("n10degC");
  }

  @Test
  void hashesAndRowsAreThoseOfTheFileRead() throws IOException {
    Path file =
        DataLayouts.writeSlice(dataDir, "25degC/552_Mixed8_processed.csv", Fixtures.MIXED1_25C, 40);
    DataLayouts.writeSlice(dataDir, "25degC/551_Mixed1_processed.csv", Fixtures.MIXED1_25C, 40);
    DataFile validation = TrainingData.discover(dataDir).validation().get(0);

    LoadedCycle loaded = CycleLoader.load(validation);

    assertThat(loaded.rows()).isEqualTo(40);
    assertThat(loaded.sha256()).isEqualTo(CycleLoader.sha256(Files.readAllBytes(file)));
    assertThat(loaded.sha256()).matches("[0-9a-f]{64}");
  }

  @Test
  void missingOrEmptyDataDirectoryIsAClearError() throws IOException {
    assertThatThrownBy(() -> TrainingData.discover(dataDir.resolve("nope")))
        .isInstanceOf(DataDirectoryException.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> HeldOutTestData.discover(dataDir))
        .isInstanceOf(DataDirectoryException.class)
        .hasMessageContaining("no temperature folders");
    Files.createDirectories(dataDir.resolve("25degC"));
    assertThatThrownBy(() -> TrainingData.discover(dataDir))
        .isInstanceOf(DataDirectoryException.class)
        .hasMessageContaining("no training files");
    assertThatThrownBy(() -> HeldOutTestData.discover(dataDir))
        .isInstanceOf(DataDirectoryException.class)
        .hasMessageContaining("no test drive cycles");
  }

  @Test
  void aTemperatureWithoutItsValidationFileIsAnError() {
    DataLayouts.writeSlice(dataDir, "25degC/551_Mixed1_processed.csv", Fixtures.MIXED1_25C, 3);

    assertThatThrownBy(() -> TrainingData.discover(dataDir))
        .isInstanceOf(DataDirectoryException.class)
        .hasMessageContaining("552_Mixed8_processed.csv is missing");
  }
}
