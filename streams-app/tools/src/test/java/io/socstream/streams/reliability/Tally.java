package io.socstream.streams.reliability;

import io.socstream.core.inference.SocSeries;
import io.socstream.streams.reliability.OutputCollector.Estimate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The received estimates against the offline prediction, by battery + timestamp: how many were
 * expected, received, missing, duplicated (copies beyond the first), unexpected (a key the
 * prediction does not have), the most copies of one key and the largest |soc difference|.
 */
record Tally(
    int expected,
    int received,
    int missing,
    int duplicated,
    int unexpected,
    int mostCopies,
    double maxDiff) {

  /** {@code predictions}: battery id → the offline series of the file it was replayed from. */
  static Tally of(Map<String, SocSeries> predictions, List<Estimate> received) {
    Map<String, Double> expected = new HashMap<>();
    predictions.forEach(
        (battery, series) -> {
          for (int i = 0; i < series.timestampMs().length; i++) {
            expected.put(battery + "@" + series.timestampMs()[i], series.estimate()[i]);
          }
        });
    Map<String, Integer> copies = new HashMap<>();
    int unexpected = 0;
    double maxDiff = 0;
    for (Estimate e : received) {
      Double want = expected.get(e.key());
      if (want == null) {
        unexpected++;
        continue;
      }
      copies.merge(e.key(), 1, Integer::sum);
      maxDiff = Math.max(maxDiff, Math.abs(e.soc() - want));
    }
    int duplicated = copies.values().stream().mapToInt(c -> c - 1).sum();
    int most = copies.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    return new Tally(
        expected.size(),
        received.size(),
        expected.size() - copies.size(),
        duplicated,
        unexpected,
        most,
        maxDiff);
  }

  /** Every expected key has arrived (copies aside). */
  boolean complete() {
    return missing == 0;
  }
}
