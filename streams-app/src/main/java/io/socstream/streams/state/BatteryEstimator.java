package io.socstream.streams.state;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureStateCodec;
import io.socstream.core.features.FeatureUpdate;
import io.socstream.core.features.FeatureWindow;
import io.socstream.core.features.InMemoryStepLog;
import io.socstream.core.features.Sample;
import java.nio.ByteBuffer;

/**
 * One battery's whole estimator state, with the method names of the core {@code BatteryEstimator}
 * of DESIGN.md section 2, over today's core: the feature pipeline on an {@link InMemoryStepLog},
 * stored as its compact snapshot ({@link FeatureStateCodec#encodeSnapshot}), and no fusion (the
 * published soc is the model's clamped output). Temporary: the stream switches to the core class
 * when it is merged; unlike the core's, this encoding's size varies with the retained steps, so
 * {@link #encodedSize()} is per instance.
 */
public final class BatteryEstimator {

  private final io.socstream.core.features.BatteryFeatureState core;
  private final BatteryFeatureState features;

  private BatteryEstimator(
      io.socstream.core.features.BatteryFeatureState core, InMemoryStepLog log) {
    this.core = core;
    this.features = new BatteryFeatureState(core, log);
  }

  /** A battery that has not sent a sample yet. */
  public static BatteryEstimator fresh(FeatureSpec spec) {
    InMemoryStepLog log = new InMemoryStepLog();
    return new BatteryEstimator(
        io.socstream.core.features.BatteryFeatureState.fresh(spec, log), log);
  }

  /** Reads the remaining bytes of {@code in}, as written by {@link #encode}. */
  public static BatteryEstimator decode(FeatureSpec spec, ByteBuffer in) {
    byte[] bytes = new byte[in.remaining()];
    in.get(bytes);
    InMemoryStepLog log = new InMemoryStepLog();
    return new BatteryEstimator(FeatureStateCodec.decodeSnapshot(bytes, spec, log), log);
  }

  /** The encoding {@link #decode} reads. */
  public byte[] encode() {
    return FeatureStateCodec.encodeSnapshot(core);
  }

  /**
   * Feeds one sample to the feature pipeline. The window it reports carries its times and counts
   * only; {@link BatteryFeatureState#currentWindow()} gives its features.
   */
  public FeatureUpdate accept(Sample sample) {
    return core.accept(sample, false);
  }

  /** The soc for the newest window from the model's output (no fusion yet: the clamped output). */
  public FusedSoc fuse(float modelOutput, FeatureWindow window) {
    double output = modelOutput;
    double clamped = Double.isNaN(output) ? output : Math.max(0.0, Math.min(1.0, output));
    return new FusedSoc(clamped, clamped);
  }

  public BatteryFeatureState features() {
    return features;
  }
}
