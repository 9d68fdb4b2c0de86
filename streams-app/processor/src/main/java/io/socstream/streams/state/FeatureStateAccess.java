package io.socstream.streams.state;

import io.socstream.core.features.BatteryFeatureState;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureWindow;
import io.socstream.core.features.StateHeader;
import io.socstream.core.features.StepLog;

/**
 * What the engine reads from a battery's feature state: {@code isEmpty}, {@code lastTimestampMs}
 * and {@code currentWindow}, the methods of the self-contained features-v2 {@code
 * BatteryFeatureState} (DESIGN.md section 1), over today's state (header + step log). TEMPORARY:
 * when features v2 is on main these become the state's own methods and this class goes.
 */
public final class FeatureStateAccess {

  private FeatureStateAccess() {}

  /** Whether no sample was accepted yet. */
  public static boolean isEmpty(BatteryFeatureState state) {
    return state.header().isEmpty();
  }

  /** Timestamp of the newest accepted sample ({@link Long#MIN_VALUE} when none). */
  public static long lastTimestampMs(BatteryFeatureState state) {
    return state.header().lastTimestampMs();
  }

  /** The window of the newest accepted sample, or null while its segment has fewer than T. */
  public static FeatureWindow currentWindow(BatteryFeatureState state) {
    StateHeader h = state.header();
    FeatureSpec spec = state.spec();
    int length = spec.windowLength();
    if (h.isEmpty() || h.segmentSamples() < length) {
      return null;
    }
    StepLog log = state.stepLog();
    long first = h.newestSeq() - length + 1;
    float[][] features = new float[length][spec.featureCount()];
    for (int k = 0; k < length; k++) {
      log.get(first + k).writeFeatures(features[k]);
    }
    long end = h.lastTimestampMs();
    return new FeatureWindow(
        log.get(first).timestampMs(),
        end,
        h.segmentSamples(),
        end - h.segmentStartMs() < spec.longestHorizonMs(),
        features);
  }
}
