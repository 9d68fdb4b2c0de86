package io.socstream.core.data;

import io.socstream.core.features.Sample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the LG 18650HG2 processed CSV layout (Kollmeyer et al. 2020) into a {@link RecordedCycle}.
 *
 * <p>Columns are found by header name, so their order and any extra columns do not matter.
 * Required: {@value #TIMESTAMP}, {@value #TIME_S}, {@value #VOLTAGE}, {@value #CURRENT}, {@value
 * #TEMPERATURE}; optional: {@value #SOC} (absent column or empty cell gives NaN). Blank lines are
 * skipped. Fields are plain comma-separated values (the files contain no quoting).
 *
 * <p>Timestamps: {@code timestampMs = epochMillis(first row's Timestamp) + Math.round(1000 * Time
 * [s])}. The wall-clock {@code Timestamp} (format {@code yyyy-MM-dd HH:mm:ss}) is read as UTC and
 * has only whole seconds, while {@code Time [s]} carries the sub-second offset, so the first row
 * anchors the file and {@code Time [s]} orders the rows.
 *
 * <p>Any missing required column, unparsable number or bad timestamp is a {@link
 * CsvFormatException} naming the file, the line (header = line 1) and the column.
 */
public final class LgCsvReader {

  public static final String TIMESTAMP = "Timestamp";
  public static final String TIME_S = "Time [s]";
  public static final String VOLTAGE = "Voltage [V]";
  public static final String CURRENT = "Current [A]";
  public static final String TEMPERATURE = "Temperature [degC]";
  public static final String SOC = "SOC [-]";

  private static final DateTimeFormatter TIMESTAMP_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private LgCsvReader() {}

  /** Reads a file; the cycle is named after the file without {@code .csv}. */
  public static RecordedCycle read(Path file) throws IOException {
    String fileName = file.getFileName().toString();
    String name =
        fileName.endsWith(".csv") ? fileName.substring(0, fileName.length() - 4) : fileName;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, name, file.toString());
    }
  }

  /** Reads UTF-8 CSV from a stream (e.g. a classpath fixture); does not close it. */
  public static RecordedCycle read(InputStream in, String name) throws IOException {
    return read(new InputStreamReader(in, StandardCharsets.UTF_8), name, name);
  }

  /**
   * Reads CSV text.
   *
   * @param name the cycle's name
   * @param source what error messages call the input, e.g. its path
   */
  public static RecordedCycle read(Reader reader, String name, String source) throws IOException {
    BufferedReader lines =
        reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
    String headerLine = lines.readLine();
    if (headerLine == null) {
      throw new CsvFormatException(source, 1, null, "empty file, expected a header line");
    }
    List<String> header = Arrays.asList(split(stripBom(headerLine)));
    int timestampCol = require(header, TIMESTAMP, source);
    int timeCol = require(header, TIME_S, source);
    int voltageCol = require(header, VOLTAGE, source);
    int currentCol = require(header, CURRENT, source);
    int temperatureCol = require(header, TEMPERATURE, source);
    int socCol = header.indexOf(SOC);

    List<Sample> samples = new ArrayList<>();
    double[] soc = new double[1024];
    long baseMs = 0;
    Rows rows = new Rows(lines, source, header.size());
    for (String[] fields = rows.next(); fields != null; fields = rows.next()) {
      long lineNo = rows.lineNo();
      if (samples.isEmpty()) {
        baseMs = parseTimestamp(fields[timestampCol], source, lineNo);
      }
      double timeS = number(fields[timeCol], source, lineNo, TIME_S);
      long timestampMs = baseMs + Math.round(1000 * timeS);
      samples.add(
          new Sample(
              timestampMs,
              number(fields[voltageCol], source, lineNo, VOLTAGE),
              number(fields[currentCol], source, lineNo, CURRENT),
              number(fields[temperatureCol], source, lineNo, TEMPERATURE)));
      if (samples.size() > soc.length) {
        soc = Arrays.copyOf(soc, soc.length * 2);
      }
      soc[samples.size() - 1] =
          socCol < 0 || fields[socCol].isBlank()
              ? Double.NaN
              : number(fields[socCol], source, lineNo, SOC);
    }
    return new RecordedCycle(name, samples, Arrays.copyOf(soc, samples.size()));
  }

  /**
   * Reads whole numeric columns by header name, such as the data set's own Coulomb count, with the
   * parsing and errors of {@link #read(Reader, String, String)}: blank lines are skipped, and every
   * cell of a requested column must be a number.
   *
   * @return one array per requested column, in the order asked; empty when any of them is missing
   */
  public static Optional<double[][]> readColumns(Path file, String... columns) throws IOException {
    String source = file.toString();
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String headerLine = lines.readLine();
      if (headerLine == null) {
        return Optional.empty();
      }
      List<String> header = Arrays.asList(split(stripBom(headerLine)));
      int[] indices = new int[columns.length];
      for (int c = 0; c < columns.length; c++) {
        indices[c] = header.indexOf(columns[c]);
        if (indices[c] < 0) {
          return Optional.empty();
        }
      }
      double[][] values = new double[columns.length][1024];
      int count = 0;
      Rows rows = new Rows(lines, source, header.size());
      for (String[] fields = rows.next(); fields != null; fields = rows.next()) {
        if (count == values[0].length) {
          for (int c = 0; c < columns.length; c++) {
            values[c] = Arrays.copyOf(values[c], 2 * count);
          }
        }
        for (int c = 0; c < columns.length; c++) {
          values[c][count] = number(fields[indices[c]], source, rows.lineNo(), columns[c]);
        }
        count++;
      }
      for (int c = 0; c < columns.length; c++) {
        values[c] = Arrays.copyOf(values[c], count);
      }
      return Optional.of(values);
    }
  }

  /** The data rows after the header: blank lines skipped, each as wide as the header. */
  private static final class Rows {

    private final BufferedReader lines;
    private final String source;
    private final int width;
    private long lineNo = 1;

    Rows(BufferedReader lines, String source, int width) {
      this.lines = lines;
      this.source = source;
      this.width = width;
    }

    /** The next row's trimmed fields, or {@code null} after the last. */
    String[] next() throws IOException {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] fields = split(line);
        if (fields.length < width) {
          throw new CsvFormatException(
              source, lineNo, null, "expected " + width + " fields, found " + fields.length);
        }
        return fields;
      }
      return null;
    }

    /** The line number (header = 1) of the row {@link #next} returned last. */
    long lineNo() {
      return lineNo;
    }
  }

  private static String[] split(String line) {
    String[] fields = line.split(",", -1);
    for (int k = 0; k < fields.length; k++) {
      fields[k] = fields[k].trim();
    }
    return fields;
  }

  private static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  private static int require(List<String> header, String column, String source) {
    int index = header.indexOf(column);
    if (index < 0) {
      throw new CsvFormatException(
          source, 1, column, "required column missing; header is " + header);
    }
    return index;
  }

  private static double number(String text, String source, long line, String column) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new CsvFormatException(source, line, column, "not a number: '" + text + "'");
    }
  }

  private static long parseTimestamp(String text, String source, long line) {
    try {
      return LocalDateTime.parse(text, TIMESTAMP_FORMAT).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new CsvFormatException(
          source, line, TIMESTAMP, "not a yyyy-MM-dd HH:mm:ss timestamp: '" + text + "'");
    }
  }
}
