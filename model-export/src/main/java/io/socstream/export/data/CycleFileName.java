package io.socstream.export.data;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A processed LG HG2 file name, {@code <test no>_<test>_processed.csv}, e.g. {@code
 * 551_UDDS_processed.csv} or {@code 552_Mixed8_processed.csv}.
 *
 * @param testNumber the Digatron test number, e.g. 551
 * @param test the test's name, e.g. {@code UDDS}, {@code Mixed8}, {@code Dis_0p5C}
 */
public record CycleFileName(int testNumber, String test) {

  /** The four standard drive cycles; the data set's held-out test profiles. */
  public static final Set<String> STANDARD_DRIVE_CYCLES = Set.of("UDDS", "HWFET", "LA92", "US06");

  private static final Pattern FILE = Pattern.compile("(\\d+)_(.+)_processed\\.csv");
  private static final Pattern MIXED = Pattern.compile("Mixed(\\d+)");

  /** Parses a file name, or empty when it is not in the processed layout. */
  public static Optional<CycleFileName> parse(String fileName) {
    Matcher m = FILE.matcher(fileName);
    return m.matches()
        ? Optional.of(new CycleFileName(Integer.parseInt(m.group(1)), m.group(2)))
        : Optional.empty();
  }

  /** Whether this is UDDS, HWFET, LA92 or US06. */
  public boolean isStandardDriveCycle() {
    return STANDARD_DRIVE_CYCLES.contains(test);
  }

  /** The number of a {@code Mixed<n>} cycle, or empty for any other test. */
  public Optional<Integer> mixedNumber() {
    Matcher m = MIXED.matcher(test);
    return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** The file name this was parsed from. */
  public String fileName() {
    return testNumber + "_" + test + "_processed.csv";
  }
}
