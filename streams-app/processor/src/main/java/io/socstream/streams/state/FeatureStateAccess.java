package io.socstream.streams.state;

import io.socstream.core.features.BatteryFeatureState;
import io.socstream.core.features.FeatureWindow;

/**
 * What the engine reads from a battery's feature state: {@code isEmpty}, {@code lastTimestampMs}
 * and {@code currentWindow}. Features v2 is merged, so these are the state's own methods; this
 * class only forwards and can go (callers may call {@link BatteryFeatureState} directly).
 */
public final class FeatureStateAccess {

  private FeatureStateAccess() {}

  /** Whether no sample was accepted yet. */
  public static boolean isEmpty(BatteryFeatureState state) {
    return state.isEmpty();
  }

  /** Timestamp of the newest accepted sample ({@link Long#MIN_VALUE} when none). */
  public static long lastTimestampMs(BatteryFeatureState state) {
    return state.lastTimestampMs();
  }

  /** The window of the newest accepted sample, or null while its segment has fewer than T. */
  public static FeatureWindow currentWindow(BatteryFeatureState state) {
    return state.currentWindow();
  }
}
