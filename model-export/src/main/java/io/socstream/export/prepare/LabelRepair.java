package io.socstream.export.prepare;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socstream.core.data.RecordedCycle;
import io.socstream.core.features.Sample;
import io.socstream.export.data.DataFile;
import io.socstream.export.data.LoadedCycle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Makes the third-party SOC labels of the training and validation files agree with each other (test
 * files are never repaired: {@code evaluate} scores against the labels as published).
 *
 * <p>Every drive-cycle file starts from a full charge, and the third party set each file's initial
 * SOC by a pseudo-OCV lookup of its first voltage. Where the first row is already under load (the
 * Mixed4 and Mixed8 files) that voltage sags, so the whole label of the file sits 0.3–2.1 points
 * below the labels of its siblings at the same temperature, which start at rest. Such a file's
 * label is shifted so that it starts at the median initial label of the files of its temperature
 * that start at rest.
 *
 * <p>A file with a logging gap longer than the feature contract's {@code maxGapMs} is left out: the
 * third-party Coulomb count multiplies the current at the gap by the whole gap, so the label after
 * it jumps by an amount that the data cannot tell (2.2 points in {@code n10degC/602_Mixed4}).
 */
public final class LabelRepair {

  /** Largest |current| of a first row that counts as "at rest", amperes (rest rows read ~0.05). */
  static final double AT_REST_MAX_AMPERES = 0.2;

  private final boolean enabled;
  private final Map<Integer, Double> fullChargeLabel;
  private final long maxGapMs;
  private final Map<String, Double> shifted = new TreeMap<>();
  private final Map<String, String> excluded = new TreeMap<>();

  private LabelRepair(boolean enabled, Map<Integer, Double> fullChargeLabel, long maxGapMs) {
    this.enabled = enabled;
    this.fullChargeLabel = fullChargeLabel;
    this.maxGapMs = maxGapMs;
  }

  /**
   * Learns, per temperature, the initial label of a full cell: the median first label of the cycles
   * that start at rest.
   */
  public static LabelRepair fit(Stream<LoadedCycle> cycles, long maxGapMs) {
    Map<Integer, List<Double>> atRest = new TreeMap<>();
    // A stream, so that a caller loading files lazily holds one file at a time.
    cycles
        .filter(loaded -> loaded.cycle().size() > 0 && startsAtRest(loaded.cycle()))
        .forEach(
            loaded ->
                atRest
                    .computeIfAbsent(loaded.file().temperatureC(), t -> new ArrayList<>())
                    .add(loaded.cycle().soc()[0]));
    Map<Integer, Double> reference = new TreeMap<>();
    atRest.forEach((temperature, labels) -> reference.put(temperature, median(labels)));
    return new LabelRepair(true, reference, maxGapMs);
  }

  /** Repairs nothing: every file is used with its published labels. */
  public static LabelRepair disabled() {
    return new LabelRepair(false, Map.of(), Long.MAX_VALUE);
  }

  /** The cycle with consistent labels, or empty when the file must be left out. */
  public Optional<RecordedCycle> apply(DataFile file, RecordedCycle cycle) {
    if (!enabled) {
      return Optional.of(cycle);
    }
    long gap = longestGapMs(cycle.samples());
    if (gap > maxGapMs) {
      excluded.put(
          file.relativePath(),
          "logging gap of "
              + gap / 1000
              + " s: the third-party Coulomb count jumps across it by an unknown amount");
      return Optional.empty();
    }
    Double reference = fullChargeLabel.get(file.temperatureC());
    if (cycle.size() == 0 || startsAtRest(cycle) || reference == null) {
      return Optional.of(cycle);
    }
    double offset = reference - cycle.soc()[0];
    shifted.put(file.relativePath(), offset);
    double[] soc = Arrays.copyOf(cycle.soc(), cycle.size());
    for (int i = 0; i < soc.length; i++) {
      soc[i] += offset;
    }
    return Optional.of(new RecordedCycle(cycle.name(), cycle.samples(), soc));
  }

  /** Label offsets applied so far, by file. */
  public Map<String, Double> shifted() {
    return Map.copyOf(shifted);
  }

  /** Files left out so far, with the reason. */
  public Map<String, String> excluded() {
    return Map.copyOf(excluded);
  }

  /** The model card's record of what was repaired. */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("enabled", enabled);
    if (!enabled) {
      return node;
    }
    node.put(
        "rule",
        "files whose first row is under load (|I| > "
            + AT_REST_MAX_AMPERES
            + " A) get their label shifted to start at the median first label of the files of"
            + " their temperature that start at rest; files with a logging gap > maxGapMs are"
            + " left out; test files are never repaired");
    ObjectNode reference = node.putObject("full_charge_label_by_temperature_c");
    fullChargeLabel.forEach((t, label) -> reference.put(Integer.toString(t), label));
    ObjectNode offsets = node.putObject("shifted");
    shifted.forEach(offsets::put);
    ObjectNode left = node.putObject("excluded");
    excluded.forEach(left::put);
    return node;
  }

  private static boolean startsAtRest(RecordedCycle cycle) {
    return Math.abs(cycle.samples().get(0).current()) <= AT_REST_MAX_AMPERES;
  }

  private static long longestGapMs(List<Sample> samples) {
    long longest = 0;
    for (int i = 1; i < samples.size(); i++) {
      longest = Math.max(longest, samples.get(i).timestampMs() - samples.get(i - 1).timestampMs());
    }
    return longest;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
