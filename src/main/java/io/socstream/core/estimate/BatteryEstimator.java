package io.socstream.core.estimate;

import io.socstream.core.features.BatteryFeatureState;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureUpdate;
import io.socstream.core.features.FeatureWindow;
import io.socstream.core.features.Sample;
import io.socstream.core.features.SampleOutcome;
import io.socstream.core.fusion.FusionParameters;
import io.socstream.core.fusion.SocFusion;
import java.nio.ByteBuffer;

/**
 * One battery's whole estimator state: its feature pipeline ({@link BatteryFeatureState}) and its
 * charge-counting filter ({@link SocFusion}). The stream stores one per battery; {@code predict}
 * and {@code evaluate} run the same sequence offline, so both give the same estimates.
 *
 * <h2>Sequence</h2>
 *
 * For each sample of the battery, in arrival order: {@link #accept(Sample)}; if it returned a
 * window, run the model on it (batched with other batteries' windows at will) and call {@link
 * #fuse(float, FeatureWindow)} <b>before this battery's next {@code accept}</b>. That rule makes
 * the stream equal to the offline run: the stream flushes a battery's pending window before it
 * accepts the battery's next sample.
 *
 * <h2>Bytes</h2>
 *
 * {@code u8 version | BatteryFeatureState.encodedSize(spec) bytes | SocFusion.ENCODED_SIZE bytes}:
 * a constant per spec ({@link #encodedSize(FeatureSpec)}), about 2.1 KB for the shipped spec.
 * Features v2 only (block means): a legacy spec without blocks is refused.
 *
 * <p>Not thread-safe: one instance per battery, used by one thread at a time.
 */
public final class BatteryEstimator {

  private static final int VERSION = 2;

  private final FeatureSpec spec;
  private final BatteryFeatureState features;
  private final SocFusion fusion;

  private BatteryEstimator(FeatureSpec spec, BatteryFeatureState features, SocFusion fusion) {
    this.spec = spec;
    this.features = features;
    this.fusion = fusion;
  }

  /** A battery that has not sent a sample yet. */
  public static BatteryEstimator fresh(FeatureSpec spec, FusionParameters fusion) {
    return new BatteryEstimator(spec, BatteryFeatureState.fresh(spec), new SocFusion(fusion));
  }

  /** The constant number of bytes {@link #encode} writes for {@code spec}. */
  public static int encodedSize(FeatureSpec spec) {
    return 1 + BatteryFeatureState.encodedSize(spec) + SocFusion.ENCODED_SIZE;
  }

  /** The number of bytes {@link #encode} writes: {@link #encodedSize(FeatureSpec)} of its spec. */
  public int encodedSize() {
    return encodedSize(spec);
  }

  /**
   * Reads what {@link #encode} wrote.
   *
   * @throws IllegalArgumentException on an unknown version or bytes made for another spec
   */
  public static BatteryEstimator decode(FeatureSpec spec, FusionParameters fusion, ByteBuffer in) {
    int version = in.get() & 0xFF;
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "unknown battery-estimator version " + version + " (this build reads " + VERSION + ")");
    }
    BatteryFeatureState features = BatteryFeatureState.decode(spec, in);
    return new BatteryEstimator(spec, features, SocFusion.decode(fusion, in));
  }

  /** Writes {@link #encodedSize()} bytes. */
  public void encode(ByteBuffer out) {
    out.put((byte) VERSION);
    features.encode(out);
    fusion.encode(out);
  }

  /**
   * Feeds one sample to the features and, when accepted, to the charge counting (a segment restart
   * resets the filter).
   */
  public FeatureUpdate accept(Sample sample) {
    FeatureUpdate update = features.accept(sample);
    if (update.outcome().accepted()) {
      fusion.accept(sample, update.outcome() == SampleOutcome.ACCEPTED_AFTER_GAP);
    }
    return update;
  }

  /**
   * Fuses the model's output for {@code window}, the window the latest {@link #accept} returned.
   *
   * @param modelOutput the model's raw output for the window
   * @throws IllegalStateException when {@code window} does not end at the newest accepted sample: a
   *     sample was accepted between the window and its fusion
   */
  public FusedSoc fuse(float modelOutput, FeatureWindow window) {
    if (window.endTimestampMs() != fusion.lastTimestampMs()) {
      throw new IllegalStateException(
          "window ending at "
              + window.endTimestampMs()
              + " fused after the sample at "
              + fusion.lastTimestampMs()
              + " was accepted: fuse each window before the battery's next accept");
    }
    double soc = fusion.fuse(modelOutput, window.warmingUp());
    return new FusedSoc(soc, SocFusion.clampModel(modelOutput), modelOutput);
  }

  /**
   * Counts and fuses with {@code parameters} from now on (the filter's state stays): the stream
   * calls it with the parameters of the model that serves the battery, which a rollout can change.
   */
  public void useFusionParameters(FusionParameters parameters) {
    fusion.useParameters(parameters);
  }

  /** The feature pipeline. */
  public BatteryFeatureState features() {
    return features;
  }

  /** The charge-counting filter. */
  public SocFusion fusion() {
    return fusion;
  }

  /** The feature spec this estimator computes. */
  public FeatureSpec spec() {
    return spec;
  }
}
