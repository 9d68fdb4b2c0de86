package io.socstream.export.labels;

import io.socstream.core.data.LgCsvReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
   * @throws IllegalArgumentException naming the file and line of an unreadable value
   */
  public static Optional<LabelLedger> read(Path file) throws IOException {
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String headerLine = lines.readLine();
      if (headerLine == null) {
        return Optional.empty();
      }
      List<String> header = Arrays.asList(headerLine.replace("\uFEFF", "").split(",", -1));
      int socColumn = header.indexOf(SOC);
      int ahColumn = header.indexOf(CUMULATIVE_AH);
      if (socColumn < 0 || ahColumn < 0) {
        return Optional.empty();
      }
      double[] soc = new double[1024];
      double[] ah = new double[1024];
      int rows = 0;
      int lineNumber = 1;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        if (rows == soc.length) {
          soc = Arrays.copyOf(soc, 2 * rows);
          ah = Arrays.copyOf(ah, 2 * rows);
        }
        String[] cells = line.split(",", -1);
        soc[rows] = number(cells, socColumn, file, lineNumber, SOC);
        ah[rows] = number(cells, ahColumn, file, lineNumber, CUMULATIVE_AH);
        rows++;
      }
      return Optional.of(new LabelLedger(Arrays.copyOf(soc, rows), Arrays.copyOf(ah, rows)));
    }
  }

  private static double number(String[] cells, int column, Path file, int line, String name) {
    try {
      return Double.parseDouble(cells[column].trim());
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          file + " line " + line + ": column " + name + " is not a number", e);
    }
  }
}
