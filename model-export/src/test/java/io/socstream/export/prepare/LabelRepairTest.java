package io.socstream.export.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socstream.core.data.RecordedCycle;
import io.socstream.core.features.Sample;
import io.socstream.export.data.CycleFileName;
import io.socstream.export.data.DataFile;
import io.socstream.export.data.DataRole;
import io.socstream.export.data.LoadedCycle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LabelRepairTest {

  private static final long T0 = 1_545_000_000_000L;
  private static final long MAX_GAP_MS = 60_000;
  private static final String SHA = "0".repeat(64);

  @Test
  void aFileStartingUnderLoadIsShiftedToTheMedianFirstLabelOfItsAtRestSiblings() {
    LoadedCycle restA = cycle(-10, "Mixed1", -0.04, new double[] {1.0084, 0.9}, 1000);
    LoadedCycle restB = cycle(-10, "Mixed2", -0.05, new double[] {1.0080, 0.9}, 1000);
    LoadedCycle restC = cycle(-10, "Mixed3", -0.01, new double[] {1.0090, 0.9}, 1000);
    LoadedCycle loaded = cycle(-10, "Mixed8", -1.22, new double[] {0.9983, 0.5, 0.2}, 1000);
    LabelRepair repair = LabelRepair.fit(Stream.of(restA, restB, restC, loaded), MAX_GAP_MS);

    RecordedCycle repaired = repair.apply(loaded.file(), loaded.cycle()).orElseThrow();

    double offset = 1.0084 - 0.9983;
    assertArrayEquals(new double[] {1.0084, 0.5 + offset, 0.2 + offset}, repaired.soc(), 1e-12);
    assertEquals(loaded.cycle().samples(), repaired.samples());
    assertEquals(offset, repair.shifted().get("n10degC/608_Mixed8_processed.csv"), 1e-12);
    assertSame(restA.cycle(), repair.apply(restA.file(), restA.cycle()).orElseThrow());
    assertEquals(1, repair.shifted().size());
  }

  @Test
  void referencesAreKeptApartByTemperature() {
    LoadedCycle cold = cycle(-20, "Mixed1", -0.04, new double[] {1.0165, 0.9}, 1000);
    LoadedCycle warm = cycle(25, "Mixed1", -0.04, new double[] {1.0026, 0.9}, 1000);
    LoadedCycle warmLoaded = cycle(25, "Mixed4", -1.71, new double[] {0.9973, 0.9}, 1000);
    LabelRepair repair = LabelRepair.fit(Stream.of(cold, warm, warmLoaded), MAX_GAP_MS);

    RecordedCycle repaired = repair.apply(warmLoaded.file(), warmLoaded.cycle()).orElseThrow();

    assertEquals(1.0026, repaired.soc()[0], 1e-12);
    assertEquals(
        1.0165, repair.toJson().get("full_charge_label_by_temperature_c").get("-20").asDouble());
  }

  @Test
  void aTemperatureWithoutAnAtRestStartKeepsItsLabels() {
    LoadedCycle loaded = cycle(0, "Mixed4", -1.32, new double[] {0.9967, 0.5}, 1000);
    LabelRepair repair = LabelRepair.fit(Stream.of(loaded), MAX_GAP_MS);

    assertSame(loaded.cycle(), repair.apply(loaded.file(), loaded.cycle()).orElseThrow());
    assertTrue(repair.shifted().isEmpty());
  }

  @Test
  void aFileWithALoggingGapLongerThanTheFeatureContractAllowsIsLeftOutWithItsReason() {
    LoadedCycle rest = cycle(-10, "Mixed1", -0.04, new double[] {1.0084, 0.9}, 1000);
    LoadedCycle gapped =
        cycle(-10, "Mixed4", -0.04, new double[] {1.0084, 0.93, 0.86}, 1000, 416_000);
    LabelRepair repair = LabelRepair.fit(Stream.of(rest, gapped), MAX_GAP_MS);

    Optional<RecordedCycle> result = repair.apply(gapped.file(), gapped.cycle());

    assertTrue(result.isEmpty());
    String reason = repair.excluded().get("n10degC/608_Mixed4_processed.csv");
    assertTrue(reason.contains("logging gap of 416 s"), reason);
    assertEquals(
        reason, repair.toJson().get("excluded").get("n10degC/608_Mixed4_processed.csv").asText());
  }

  @Test
  void disabledRepairKeepsEveryFileAndLabelAsPublished() {
    LoadedCycle loaded =
        cycle(-10, "Mixed4", -1.67, new double[] {0.9879, 0.93, 0.86}, 1000, 416_000);
    LabelRepair repair = LabelRepair.disabled();

    assertSame(loaded.cycle(), repair.apply(loaded.file(), loaded.cycle()).orElseThrow());
    assertTrue(repair.shifted().isEmpty());
    assertTrue(repair.excluded().isEmpty());
    assertEquals("{\"enabled\":false}", repair.toJson().toString());
  }

  /**
   * A cycle whose first sample carries {@code firstCurrent}; sample i+1 follows sample i after
   * {@code stepsMs[i]} (the last step repeats).
   */
  private static LoadedCycle cycle(
      int temperatureC, String test, double firstCurrent, double[] soc, long... stepsMs) {
    List<Sample> samples = new ArrayList<>();
    long at = T0;
    for (int i = 0; i < soc.length; i++) {
      samples.add(new Sample(at, 4.1, i == 0 ? firstCurrent : -1.5, temperatureC));
      at += stepsMs[Math.min(i, stepsMs.length - 1)];
    }
    String folder =
        (temperatureC < 0 ? "n" + -temperatureC : Integer.toString(temperatureC)) + "degC";
    CycleFileName name = new CycleFileName(608, test);
    DataFile file =
        new DataFile(
            Path.of(folder, name.fileName()),
            folder + "/" + name.fileName(),
            temperatureC,
            name,
            DataRole.TRAIN);
    return new LoadedCycle(file, new RecordedCycle(name.fileName(), samples, soc), SHA);
  }
}
