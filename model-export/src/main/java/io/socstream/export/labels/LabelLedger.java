package io.socstream.export.labels;

import io.socstream.core.data.LgCsvReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The two label columns of a data file: the third party's SOC label and the Coulomb count it was
 * made from (cumulative Ah, negative = discharged).
 *
 * @param soc {@value #SOC} per row, fraction of full charge
 * @param cumulativeAh {@value #CUMULATIVE_AH} per row
 */
public record LabelLedger(double[] soc, double[] cumulativeAh) {

  public static final String SOC = LgCsvReader.SOC;
  public static final String CUMULATIVE_AH = "Cumulative_Capacity_Ah";

  public LabelLedger {
    if (soc.length != cumulativeAh.length) {
      throw new IllegalArgumentException(
          soc.length + " SOC labels but " + cumulativeAh.length + " cumulative Ah values");
    }
  }

  /** Rows read. */
  public int size() {
    return soc.length;
  }

  /**
   * Reads a data file's label columns.
   *
   * @return empty when the file lacks either column (it then has no label to audit)
   * @throws io.socstream.core.data.CsvFormatException naming the file, line and column of an
   *     unreadable value
   */
  public static Optional<LabelLedger> read(Path file) throws IOException {
    return LgCsvReader.readColumns(file, SOC, CUMULATIVE_AH)
        .map(columns -> new LabelLedger(columns[0], columns[1]));
  }
}
