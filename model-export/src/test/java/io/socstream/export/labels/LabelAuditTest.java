package io.socstream.export.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.socstream.core.data.CsvFormatException;
import io.socstream.core.data.Fixtures;
import io.socstream.export.data.DataLayouts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelAuditTest {

  @TempDir Path dir;

  @Test
  void readsTheTwoCapacitiesOfTheRealLabelFromATrainingSlice() throws Exception {
    Path data = dir.resolve("data");
    DataLayouts.writeSlice(data, "25degC/551_Mixed1_processed.csv", Fixtures.MIXED1_25C, 1280);
    DataLayouts.writeSlice(data, "25degC/552_Mixed8_processed.csv", Fixtures.MIXED1_25C, 10);

    LabelAudit audit = LabelAudit.ofTrainingFiles(data);

    // The third party's C/20 capacities at 25 °C: charge 2.97 Ah, discharge 2.78 Ah (the full
    // 25 °C training files give the same to 0.01 Ah).
    LabelScale scale = audit.byTemperature().get(25);
    assertThat(scale.chargeCapacityAh()).isCloseTo(2.971, within(0.001));
    assertThat(scale.dischargeCapacityAh()).isCloseTo(2.778, within(0.001));
    assertThat(audit.byTemperature()).containsOnlyKeys(25);
  }

  @Test
  void expectedBiasAveragesTheLastRowsOfTheCycleWithItsTemperaturesScale() throws Exception {
    Path data = dir.resolve("data");
    DataLayouts.writeSlice(data, "25degC/551_Mixed1_processed.csv", Fixtures.MIXED1_25C, 1280);
    DataLayouts.writeSlice(data, "25degC/552_Mixed8_processed.csv", Fixtures.MIXED1_25C, 10);
    Path us06 =
        DataLayouts.writeSlice(data, "25degC/551_US06_processed.csv", Fixtures.US06_25C, 900);
    LabelAudit audit = LabelAudit.ofTrainingFiles(data);
    LabelLedger ledger = LabelLedger.read(us06).orElseThrow();

    OptionalDouble bias = audit.expectedBias(us06, 25, 871);

    assertThat(bias).isPresent();
    assertThat(bias.getAsDouble())
        .isEqualTo(audit.byTemperature().get(25).expectedBias(ledger, 900 - 871));
    assertThat(audit.expectedBias(us06, -10, 871)).isEmpty();
    assertThat(audit.expectedBias(us06, 25, 901)).isEmpty();
  }

  @Test
  void noTrainingFilesOrNoLabelColumnsGiveNoAudit() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(LabelAudit.ofTrainingFiles(empty)).isEqualTo(LabelAudit.EMPTY);

    Path unlabelled = dir.resolve("unlabelled.csv");
    Files.writeString(unlabelled, "Timestamp,Voltage [V]\n2018-10-29 10:08:02,4.1\n");
    assertThat(LabelLedger.read(unlabelled)).isEmpty();
  }

  @Test
  void anUnreadableValueNamesTheFileLineAndColumn() throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(
        bad, "SOC [-],Cumulative_Capacity_Ah\n1.0,0.0\n0.99,oops\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> LabelLedger.read(bad))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageContaining("bad.csv, line 3")
        .hasMessageContaining("Cumulative_Capacity_Ah");
  }
}
