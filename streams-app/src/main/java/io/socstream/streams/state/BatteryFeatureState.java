package io.socstream.streams.state;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureWindow;
import io.socstream.core.features.InMemoryStepLog;
import io.socstream.core.features.StateHeader;

/**
 * Read side of one battery's feature state, with the method names of the self-contained core {@code
 * BatteryFeatureState} of DESIGN.md section 1, over today's core (a {@link StateHeader} and an
 * {@link InMemoryStepLog}). Temporary: the stream switches to the core class when it is merged.
 */
public final class BatteryFeatureState {

  private final io.socstream.core.features.BatteryFeatureState core;
  private final InMemoryStepLog log;

  BatteryFeatureState(io.socstream.core.features.BatteryFeatureState core, InMemoryStepLog log) {
    this.core = core;
    this.log = log;
  }

  /** The window of the newest accepted sample, or null while the segment has fewer than T. */
  public FeatureWindow currentWindow() {
    StateHeader h = core.header();
    FeatureSpec spec = core.spec();
    int length = spec.windowLength();
    if (h.isEmpty() || h.segmentSamples() < length) {
      return null;
    }
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

  /** Whether no sample was accepted yet. */
  public boolean isEmpty() {
    return core.header().isEmpty();
  }

  /** Timestamp of the newest accepted sample ({@link Long#MIN_VALUE} when none). */
  public long lastTimestampMs() {
    return core.header().lastTimestampMs();
  }

  public FeatureSpec spec() {
    return core.spec();
  }
}
