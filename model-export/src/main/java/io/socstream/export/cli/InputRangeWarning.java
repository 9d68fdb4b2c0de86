package io.socstream.export.cli;

import io.socstream.core.features.PackLayout;
import io.socstream.core.features.Sample;
import io.socstream.core.model.InputRanges;
import io.socstream.core.model.ValueRange;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether an input lies where the model was trained: per quantity, how many of its (per-cell)
 * samples fall outside the model's input ranges, as one warning line. The ranges are widened by
 * {@value #TOLERANCE} of their span at each end, so a cell slightly colder than the coldest
 * training sample is not flagged; a pack's voltage fed as a cell's (100 times too high), current in
 * milliamperes or a temperature in kelvin are.
 */
final class InputRangeWarning {

  /** Fraction of each range's span tolerated beyond either end. */
  static final double TOLERANCE = 0.05;

  private InputRangeWarning() {}

  /**
   * The warning for {@code input}, or empty when every sample is in range.
   *
   * @param command the command's name, for the {@code soc <command>:} prefix
   * @param input what the user called the file
   * @param cellSamples the samples as the model sees them (after the pack conversion)
   * @param ranges the model's input ranges
   * @param layout the pack layout the samples were converted with, for the hint
   */
  static Optional<String> of(
      String command,
      String input,
      List<Sample> cellSamples,
      InputRanges ranges,
      PackLayout layout) {
    Count voltage = new Count("voltage", ranges.voltage(), "V");
    Count current = new Count("current", ranges.current(), "A");
    Count temperature = new Count("temperature", ranges.temperature(), "°C");
    for (Sample s : cellSamples) {
      voltage.add(s.voltage());
      current.add(s.current());
      temperature.add(s.temperature());
    }
    List<String> parts = new ArrayList<>();
    for (Count c : List.of(voltage, current, temperature)) {
      if (c.outside > 0) {
        parts.add(
            parts.isEmpty()
                ? count(c.outside) + " of " + count(cellSamples.size()) + " samples have " + c
                : count(c.outside) + " have " + c);
      }
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    List<String> hints = new ArrayList<>();
    if (voltage.above > 0) {
      hints.add(
          layout.series() == 1
              ? "set --series for pack telemetry"
              : "check --series (" + layout.series() + " cells in series)");
    }
    if (current.outside > 0) {
      hints.add(
          layout.parallel() == 1
              ? "set --parallel for a pack with cells in parallel"
              : "check --parallel (" + layout.parallel() + " in parallel)");
    }
    StringBuilder line =
        new StringBuilder("soc ")
            .append(command)
            .append(": ")
            .append(input)
            .append(": ")
            .append(String.join(", ", parts))
            .append(" (one cell)");
    if (!hints.isEmpty()) {
      line.append("; ").append(String.join("; ", hints));
    }
    return Optional.of(line.toString());
  }

  /** Samples of one quantity outside its range. */
  private static final class Count {
    final String name;
    final ValueRange range;
    final ValueRange tolerated;
    final String unit;
    long outside;
    long above;

    Count(String name, ValueRange range, String unit) {
      this.name = name;
      this.range = range;
      this.tolerated = range.widened(TOLERANCE);
      this.unit = unit;
    }

    void add(double value) {
      if (!tolerated.contains(value)) {
        outside++;
        if (value > tolerated.max()) {
          above++;
        }
      }
    }

    /** E.g. {@code voltage outside the model's range [2.5, 4.2] V}. */
    @Override
    public String toString() {
      return name
          + " outside the model's range ["
          + plain(range.min())
          + ", "
          + plain(range.max())
          + "] "
          + unit;
    }
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** At most two decimals, no trailing zeros: 4.2, -20, 2.8. */
  static String plain(double value) {
    return BigDecimal.valueOf(value)
        .setScale(2, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
