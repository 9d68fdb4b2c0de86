package io.socstream.streams.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One input's dead letters by reason, each with the first message seen: what the demo's summary
 * shows so that a refused input says why (e.g. pack voltages without {@code --series}).
 */
public final class DeadLetterTally {

  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final Map<String, String> firstMessage = new LinkedHashMap<>();
  private long total;

  /** Counts one dead letter of {@code reason} (e.g. {@code OUT_OF_BOUNDS}). */
  public void add(String reason, String message) {
    counts.merge(reason, 1L, Long::sum);
    firstMessage.putIfAbsent(reason, message);
    total++;
  }

  /** Dead letters of every reason. */
  public long total() {
    return total;
  }

  /** Count by reason, most frequent first (ties in the order first seen). */
  public Map<String, Long> byReason() {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
    Map<String, Long> sorted = new LinkedHashMap<>();
    entries.forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** The first message seen for {@code reason}, or null when there was none. */
  public String example(String reason) {
    return firstMessage.get(reason);
  }

  /**
   * One console line per reason, e.g. {@code b1: 3,000 OUT_OF_BOUNDS, e.g. voltage_v = 375.0 V
   * outside ...}; none when nothing was refused.
   */
  public List<String> lines(String batteryId) {
    List<String> lines = new ArrayList<>();
    byReason()
        .forEach(
            (reason, n) ->
                lines.add(
                    String.format(
                        Locale.ROOT,
                        "%s: %,d %s, e.g. %s",
                        batteryId,
                        n,
                        reason,
                        example(reason))));
    return lines;
  }
}
