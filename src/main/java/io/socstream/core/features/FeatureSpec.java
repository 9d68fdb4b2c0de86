package io.socstream.core.features;

import java.util.ArrayList;
import java.util.List;

/**
 * What the model sees: the features per time step, in their fixed order, and how a window is cut.
 *
 * <p>Per step the features are {@code voltage, current, temperature}, then for every averaging
 * horizon {@code h} (seconds, time-based) {@code voltage_mean_<h>s, current_mean_<h>s}, then, when
 * {@link #deltaTimeFeature()} is on, {@code delta_t_s}: seconds since the previous accepted sample
 * of the segment (0 for a segment's first sample). A window is the last {@link #windowLength()}
 * steps of one battery's segment. A gap longer than {@link #maxGapMs()} between two samples ends
 * the segment and restarts the warm-up.
 *
 * <p><b>Features v2</b> ({@link #blockSeconds()} &ge; 1): a rolling mean covers the fixed-size time
 * blocks of the horizon (see {@link BatteryFeatureState}), so the state is constant-size whatever
 * the rate. <b>Legacy v1</b> ({@code blockSeconds == 0}, no Δt): a mean covers every sample of
 * {@code (t - h, t]}; kept so that cards of older models still read and cut windows offline ({@link
 * BatchFeatureExtractor}); {@link BatteryFeatureState}, hence the stream and predict, computes v2
 * only.
 *
 * <p>The model card stores these values, so training and serving always agree on them.
 *
 * @param windowLength steps per window (T), at least 1
 * @param averagingHorizonsSeconds horizons of the rolling means, seconds, each at least 1, strictly
 *     increasing; with blocks each a multiple of {@code blockSeconds}
 * @param maxGapMs longest tolerated gap between consecutive samples, milliseconds, at least 1
 * @param blockSeconds length of the time blocks the rolling means are summed in, seconds; 0 =
 *     legacy per-sample means
 * @param deltaTimeFeature whether the last feature of a step is {@code delta_t_s}
 */
public record FeatureSpec(
    int windowLength,
    List<Integer> averagingHorizonsSeconds,
    long maxGapMs,
    int blockSeconds,
    boolean deltaTimeFeature) {

  /** Features that are not rolling means, in order. */
  public static final List<String> BASE_FEATURES = List.of("voltage", "current", "temperature");

  /** Name of the Δt feature. */
  public static final String DELTA_T_FEATURE = "delta_t_s";

  /** Block length of the v2 default, seconds. */
  public static final int DEFAULT_BLOCK_SECONDS = 10;

  /**
   * The shipped contract (features v2): T = 30, 500 s means summed in 10 s blocks, Δt, 60 s gaps.
   */
  public static FeatureSpec defaults() {
    return new FeatureSpec(30, List.of(500), 60_000L, DEFAULT_BLOCK_SECONDS, true);
  }

  /**
   * A legacy v1 spec: per-sample means, no Δt (the contract of models trained before features v2).
   * Read for old model cards and the step-log pipeline only (to be removed with it); new models use
   * blocks ({@link #defaults()}).
   */
  public FeatureSpec(int windowLength, List<Integer> averagingHorizonsSeconds, long maxGapMs) {
    this(windowLength, averagingHorizonsSeconds, maxGapMs, 0, false);
  }

  public FeatureSpec {
    if (windowLength < 1) {
      throw new IllegalArgumentException("windowLength must be >= 1, was " + windowLength);
    }
    if (maxGapMs < 1) {
      throw new IllegalArgumentException("maxGapMs must be >= 1, was " + maxGapMs);
    }
    if (blockSeconds < 0) {
      throw new IllegalArgumentException("blockSeconds must be >= 0, was " + blockSeconds);
    }
    if (blockSeconds == 0 && deltaTimeFeature) {
      throw new IllegalArgumentException("the delta_t feature needs blocks (blockSeconds >= 1)");
    }
    averagingHorizonsSeconds = List.copyOf(averagingHorizonsSeconds);
    int previous = 0;
    for (int horizon : averagingHorizonsSeconds) {
      if (horizon <= previous) {
        throw new IllegalArgumentException(
            "averagingHorizonsSeconds must be positive and strictly increasing, was "
                + averagingHorizonsSeconds);
      }
      if (blockSeconds > 0 && horizon % blockSeconds != 0) {
        throw new IllegalArgumentException(
            "every averaging horizon must be a multiple of blockSeconds ("
                + blockSeconds
                + "), was "
                + averagingHorizonsSeconds);
      }
      previous = horizon;
    }
  }

  /** Whether the rolling means are block sums (features v2) rather than per-sample (legacy v1). */
  public boolean usesBlocks() {
    return blockSeconds > 0;
  }

  /** Block length in milliseconds (0 for legacy v1). */
  public long blockMs() {
    return 1000L * blockSeconds;
  }

  /** Blocks a horizon spans (v2 only). */
  public int blocksOf(int horizonSeconds) {
    return horizonSeconds / blockSeconds;
  }

  /** Blocks the longest horizon spans: the size of the block ring (v2 only; 0 without horizons). */
  public int blockCount() {
    return averagingHorizonsSeconds.isEmpty()
        ? 0
        : blocksOf(averagingHorizonsSeconds.get(averagingHorizonsSeconds.size() - 1));
  }

  /** Number of features per step (F). */
  public int featureCount() {
    return BASE_FEATURES.size() + 2 * averagingHorizonsSeconds.size() + (deltaTimeFeature ? 1 : 0);
  }

  /** Number of rolling-mean features per step (2 per horizon). */
  public int meanCount() {
    return 2 * averagingHorizonsSeconds.size();
  }

  /** Feature names in the order of the model's input. */
  public List<String> featureNames() {
    List<String> names = new ArrayList<>(BASE_FEATURES);
    for (int horizon : averagingHorizonsSeconds) {
      names.add("voltage_mean_" + horizon + "s");
      names.add("current_mean_" + horizon + "s");
    }
    if (deltaTimeFeature) {
      names.add(DELTA_T_FEATURE);
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
