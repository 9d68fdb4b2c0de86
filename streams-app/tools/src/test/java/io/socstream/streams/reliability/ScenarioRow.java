package io.socstream.streams.reliability;

import java.util.List;
import java.util.Locale;

/**
 * One line of the reliability table: the fault, how often it was injected, what went in, how the
 * output compared with the offline prediction and how long the engine took to recover.
 *
 * @param deadLetters records in the dead-letter topic (all input is valid: should be 0)
 * @param recoverySeconds kill (or fault) → the next committed estimate, one entry per fault
 */
record ScenarioRow(
    String fault,
    String guarantee,
    int faults,
    int recordsIn,
    Tally tally,
    int deadLetters,
    List<Double> recoverySeconds,
    String note) {

  static final String HEADER =
      "| fault | guarantee | faults | records in | estimates expected | received | missing |"
          + " duplicated | dead letters | max \\|diff\\| | recovery (s) | notes |\n"
          + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n";

  String markdown() {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %d | %,d | %,d | %,d | %d | %d | %,d | %.1e | %s | %s |%n",
        fault,
        guarantee,
        faults,
        recordsIn,
        tally.expected(),
        tally.received(),
        tally.missing(),
        tally.duplicated(),
        deadLetters,
        tally.maxDiff(),
        recovery(),
        note);
  }

  private String recovery() {
    if (recoverySeconds.isEmpty()) {
      return "–";
    }
    double max = recoverySeconds.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    double mean = recoverySeconds.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    return recoverySeconds.size() == 1
        ? String.format(Locale.ROOT, "%.1f", max)
        : String.format(Locale.ROOT, "mean %.1f, max %.1f", mean, max);
  }
}
