package io.socstream.core.features;

import java.util.ArrayList;
import java.util.List;

/**
 * What the model sees: the features per time step, in their fixed order, and how a window is cut.
 *
 * <p>Per step the features are {@code voltage, current, temperature}, then for every averaging
 * horizon {@code h} (seconds, time-based) {@code voltage_mean_<h>s, current_mean_<h>s}. A window is
 * the last {@link #windowLength()} steps of one battery's segment. A gap longer than {@link
 * #maxGapMs()} between two samples ends the segment and restarts the warm-up.
 *
 * <p>The model card stores these values, so training and serving always agree on them.
 *
 * @param windowLength steps per window (T), at least 1
 * @param averagingHorizonsSeconds horizons of the rolling means, seconds, each at least 1, strictly
 *     increasing
 * @param maxGapMs longest tolerated gap between consecutive samples, milliseconds, at least 1
 */
public record FeatureSpec(int windowLength, List<Integer> averagingHorizonsSeconds, long maxGapMs) {

  /** Features that are not rolling means, in order. */
  public static final List<String> BASE_FEATURES = List.of("voltage", "current", "temperature");

  /** The seed's contract: V, I, T and 500 s means of V and I. */
  public static FeatureSpec defaults() {
    return new FeatureSpec(30, List.of(500), 60_000L);
  }

  public FeatureSpec {
    if (windowLength < 1) {
      throw new IllegalArgumentException("windowLength must be >= 1, was " + windowLength);
    }
    if (maxGapMs < 1) {
      throw new IllegalArgumentException("maxGapMs must be >= 1, was " + maxGapMs);
    }
    averagingHorizonsSeconds = List.copyOf(averagingHorizonsSeconds);
    int previous = 0;
    for (int horizon : averagingHorizonsSeconds) {
      if (horizon <= previous) {
        throw new IllegalArgumentException(
            "averagingHorizonsSeconds must be positive and strictly increasing, was "
                + averagingHorizonsSeconds);
      }
      previous = horizon;
    }
  }

  /** Number of features per step (F). */
  public int featureCount() {
    return BASE_FEATURES.size() + 2 * averagingHorizonsSeconds.size();
  }

  /** Feature names in the order of the model's input. */
  public List<String> featureNames() {
    List<String> names = new ArrayList<>(BASE_FEATURES);
    for (int horizon : averagingHorizonsSeconds) {
      names.add("voltage_mean_" + horizon + "s");
      names.add("current_mean_" + horizon + "s");
    }
    return List.copyOf(names);
  }

  /** The longest averaging horizon in milliseconds, or 0 when there is none. */
  public long longestHorizonMs() {
    return averagingHorizonsSeconds.isEmpty()
        ? 0L
        : 1000L * averagingHorizonsSeconds.get(averagingHorizonsSeconds.size() - 1);
  }
}
