package io.socstream.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.core.features.Sample;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LgCsvReaderTest {

  private static final String HEADER =
      "Timestamp,Time [min],Time [s],Voltage [V],Current [A],Temperature [degC],Capacity [Ah],"
          + "Time_diff,Cumulative_Capacity_Ah,SOC [-],Rounded_Time";

  // 2018-10-29 = 17833 days after 1970-01-01; 14:41:07 = 52867 s into the day.
  private static final long FIRST_ROW_MS = (17833L * 86_400 + 52_867) * 1000;

  @Test
  void timestampsAreFirstRowWallClockPlusRoundedTimeSeconds() {
    RecordedCycle cycle = Fixtures.load(Fixtures.MIXED1_25C);

    assertThat(FIRST_ROW_MS).isEqualTo(1_540_824_067_000L);
    assertThat(cycle.name()).isEqualTo(Fixtures.MIXED1_25C);
    assertThat(cycle.size()).isEqualTo(1280);
    // Time [s] of rows 1-4: 0.0, 0.5010000000038417, 1.5010000000038417, 2.6010000000096625
    assertThat(cycle.samples().subList(0, 4))
        .containsExactly(
            new Sample(FIRST_ROW_MS, 4.18464, -0.05108, 23.97615),
            new Sample(FIRST_ROW_MS + 501, 4.18346, -0.0945, 23.97615),
            new Sample(FIRST_ROW_MS + 1501, 4.18329, -0.09706, 23.97615),
            new Sample(FIRST_ROW_MS + 2601, 4.18312, -0.09706, 23.97615));
    assertThat(cycle.soc()[0]).isEqualTo(1.0025847160340533);
    assertThat(cycle.soc()[1]).isEqualTo(0.9999963139762756);
  }

  @Test
  void readsAFileNamedWithoutCsvSuffix(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("551_UDDS_processed.csv");
    Files.writeString(file, HEADER + "\n2018-10-29 14:41:07,0.0,0.0,4.1,-1.0,25.0,0,0,0,,0\n");

    RecordedCycle cycle = LgCsvReader.read(file);

    assertThat(cycle.name()).isEqualTo("551_UDDS_processed");
    assertThat(cycle.soc()).containsExactly(Double.NaN); // empty SOC cell
  }

  @Test
  void findsColumnsByNameNotPosition() throws IOException {
    String csv =
        "SOC [-],Temperature [degC],Current [A],Voltage [V],Time [s],Timestamp\n"
            + "0.5,25.5,-2.0,3.7,10.4996,2020-01-01 00:00:00\n"
            + "0.4,25.6,-2.1,3.6,11.5,2020-01-01 00:00:01\n";

    RecordedCycle cycle = LgCsvReader.read(new StringReader(csv), "x", "x.csv");

    long base = 1_577_836_800_000L; // 2020-01-01T00:00:00Z
    assertThat(cycle.samples())
        .containsExactly(
            new Sample(base + 10_500, 3.7, -2.0, 25.5), new Sample(base + 11_500, 3.6, -2.1, 25.6));
    assertThat(cycle.soc()).containsExactly(0.5, 0.4);
  }

  @Test
  void missingSocColumnGivesNaNLabels() throws IOException {
    String csv =
        "Timestamp,Time [s],Voltage [V],Current [A],Temperature [degC]\n"
            + "2020-01-01 00:00:00,0,3.7,-2.0,25.5\n";

    RecordedCycle cycle = LgCsvReader.read(new StringReader(csv), "x", "x.csv");

    assertThat(cycle.soc()).containsExactly(Double.NaN);
  }

  @Test
  void missingRequiredColumnIsNamed() {
    String csv =
        "Timestamp,Time [s],Voltage [V],Temperature [degC]\n" + "2020-01-01 00:00:00,0,3.7,25.5\n";

    assertThatThrownBy(() -> LgCsvReader.read(new StringReader(csv), "x", "data/x.csv"))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageContaining("data/x.csv")
        .hasMessageContaining("line 1")
        .hasMessageContaining("Current [A]");
  }

  @Test
  void unparsableNumberNamesFileLineAndColumn() {
    String csv =
        HEADER
            + "\n2018-10-29 14:41:07,0.0,0.0,4.18464,-0.05108,23.97615,0,0,0,1.0,0"
            + "\n2018-10-29 14:41:08,0.0,1.0,4.1x,-0.05108,23.97615,0,0,0,1.0,1\n";

    assertThatThrownBy(() -> LgCsvReader.read(new StringReader(csv), "x", "data/x.csv"))
        .isInstanceOfSatisfying(
            CsvFormatException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.column()).isEqualTo("Voltage [V]");
              assertThat(e.source()).isEqualTo("data/x.csv");
            })
        .hasMessageContaining("line 3")
        .hasMessageContaining("Voltage [V]")
        .hasMessageContaining("4.1x");
  }

  @Test
  void readsNumericColumnsByNameInTheOrderAsked(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("x.csv");
    Files.writeString(
        file,
        HEADER
            + "\n2018-10-29 14:41:07,0.0,0.0,4.1,-1.0,25.0,0,0,0.0,1.0026,0\n\n"
            + "2018-10-29 14:41:08,0.0,1.0,4.0,-2.0,25.0,0,0,-0.0005,0.9998,1\n");

    double[][] columns =
        LgCsvReader.readColumns(file, "SOC [-]", "Cumulative_Capacity_Ah").orElseThrow();

    assertThat(columns[0]).containsExactly(1.0026, 0.9998);
    assertThat(columns[1]).containsExactly(0.0, -0.0005);
    assertThat(LgCsvReader.readColumns(file, "SOC [-]", "No such column")).isEmpty();
  }

  @Test
  void anUnreadableCellOfARequestedColumnIsReported(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("x.csv");
    Files.writeString(file, "SOC [-],Cumulative_Capacity_Ah\n1.0,0.0\n0.99,\n");

    assertThatThrownBy(() -> LgCsvReader.readColumns(file, "SOC [-]", "Cumulative_Capacity_Ah"))
        .isInstanceOfSatisfying(
            CsvFormatException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.column()).isEqualTo("Cumulative_Capacity_Ah");
            });
  }

  @Test
  void badTimestampIsReported() {
    String csv = HEADER + "\n29/10/2018 14:41,0.0,0.0,4.18464,-0.05108,23.97615,0,0,0,1.0,0\n";

    assertThatThrownBy(() -> LgCsvReader.read(new StringReader(csv), "x", "x.csv"))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("Timestamp");
  }
}
