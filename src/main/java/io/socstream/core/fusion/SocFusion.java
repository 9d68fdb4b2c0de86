package io.socstream.core.fusion;

import io.socstream.core.features.Sample;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One battery's fused state of charge: the charge counted from the measured current (Coulomb
 * counting) corrected by the model's estimates in a scalar Kalman filter.
 *
 * <h2>Sequence (per battery, in order)</h2>
 *
 * <ol>
 *   <li>{@link #accept(Sample, boolean)} for every accepted sample. The first sample of a segment
 *       (the battery's first, or the first after a gap) resets the filter: it forgets the SOC and
 *       waits for the model. Later samples, once the filter has started, predict: {@code SOC += ∫I
 *       dt / C(T)} with the trapezoid of the two samples' currents over the measured {@code Δt} (A,
 *       negative = discharge), {@code C} the charge or discharge capacity at the two samples' mean
 *       temperature; the variance grows by {@code processNoise · Δt + integrationNoise ·
 *       (Δt·|ΔI|/C)²}.
 *   <li>{@link #fuse(float, boolean)} for every window the model estimated, before the next accept.
 *       The segment's first estimate starts the filter (never a known SOC); later ones correct it
 *       with gain {@code P / (P + R)}, {@code R = measurementNoise / Δt} (see {@link
 *       FusionParameters}).
 * </ol>
 *
 * SOC is kept in [0, 1] (clamped after every step), as the model's estimate is. With {@link
 * FusionParameters#OFF} the fused SOC is the clamped model estimate.
 *
 * <p>State: {@link #ENCODED_SIZE} bytes, whatever the history. Not thread-safe.
 */
public final class SocFusion {

  /** Bytes {@link #encode} writes: version, flags, six 8-byte values. */
  public static final int ENCODED_SIZE = 1 + 1 + 6 * 8;

  private static final int VERSION = 1;
  private static final int HAS_LAST = 1;
  private static final int STARTED = 2;
  private static final double MS_PER_HOUR = 3_600_000.0;

  private FusionParameters parameters;

  private boolean hasLast;
  private boolean started;
  private double soc;
  private double variance;
  private long lastTimestampMs;
  private double lastCurrent;
  private double lastTemperature;
  private long lastStepMs;

  /** A battery that has sent nothing yet. */
  public SocFusion(FusionParameters parameters) {
    this.parameters = parameters;
  }

  /** The parameters this filter runs with. */
  public FusionParameters parameters() {
    return parameters;
  }

  /**
   * Runs the filter with {@code next} from now on, keeping its state (SOC, variance, last sample):
   * a model rollout brings its own card's parameters, and the count so far stays valid.
   */
  public void useParameters(FusionParameters next) {
    this.parameters = Objects.requireNonNull(next, "fusion parameters");
  }

  /**
   * Counts the charge since the previous accepted sample.
   *
   * @param sample an accepted sample, newer than the previous one
   * @param segmentStart whether it starts a segment (after a gap): the filter resets
   */
  public void accept(Sample sample, boolean segmentStart) {
    long t = sample.timestampMs();
    if (segmentStart || !hasLast) {
      started = false;
      lastStepMs = 0;
    } else {
      long stepMs = t - lastTimestampMs;
      if (stepMs <= 0) {
        throw new IllegalArgumentException(
            "sample at " + t + " is not after the previous one at " + lastTimestampMs);
      }
      if (started && parameters.enabled()) {
        double ah = 0.5 * (lastCurrent + sample.current()) * stepMs / MS_PER_HOUR;
        double temperature = 0.5 * (lastTemperature + sample.temperature());
        double capacityAh = parameters.capacityAh(temperature, ah > 0);
        soc = clamp(soc + ah / capacityAh);
        variance += parameters.processNoise() * stepMs / 1000.0;
        // The trapezoid misses the current's changes between sparse samples: error ~ Δt·|ΔI|.
        double missedAh = Math.abs(sample.current() - lastCurrent) * stepMs / MS_PER_HOUR;
        double missedSoc = missedAh / capacityAh;
        variance += parameters.integrationNoise() * missedSoc * missedSoc;
      }
      lastStepMs = stepMs;
    }
    hasLast = true;
    lastTimestampMs = t;
    lastCurrent = sample.current();
    lastTemperature = sample.temperature();
  }

  /**
   * Fuses the model's estimate for the newest accepted sample.
   *
   * @param modelOutput the model's raw output (clamped to [0, 1] here)
   * @param warmingUp whether the window was warming up (its estimate weighs less)
   * @return the fused SOC in [0, 1]; with fusion off, {@link #clampModel the clamped model output}
   */
  public double fuse(float modelOutput, boolean warmingUp) {
    double model = clampModel(modelOutput);
    if (!parameters.enabled()) {
      return model;
    }
    if (Double.isNaN(model)) {
      // No information: keep the count (or nothing, before the first estimate).
      return soc();
    }
    double weight = warmingUp ? parameters.warmUpFactor() : 1.0;
    if (!started) {
      soc = model;
      variance = parameters.initialVariance() * weight;
      started = true;
    } else if (lastStepMs > 0) {
      double r = parameters.measurementNoise() / (lastStepMs / 1000.0) * weight;
      double gain = variance / (variance + r);
      soc = clamp(soc + gain * (model - soc));
      variance = (1 - gain) * variance;
      // A second estimate for the same sample adds nothing.
      lastStepMs = 0;
    }
    return soc;
  }

  /** Whether the filter has started in this segment (has had a model estimate). */
  public boolean started() {
    return started;
  }

  /** The fused SOC; NaN before the first estimate of the segment. */
  public double soc() {
    return started ? soc : Double.NaN;
  }

  /** The filter's variance, SOC²; NaN before the first estimate of the segment. */
  public double variance() {
    return started ? variance : Double.NaN;
  }

  /** Timestamp of the newest accepted sample, {@link Long#MIN_VALUE} when none. */
  public long lastTimestampMs() {
    return hasLast ? lastTimestampMs : Long.MIN_VALUE;
  }

  /** Writes exactly {@link #ENCODED_SIZE} bytes. */
  public void encode(ByteBuffer out) {
    out.put((byte) VERSION);
    out.put((byte) ((hasLast ? HAS_LAST : 0) | (started ? STARTED : 0)));
    out.putDouble(soc);
    out.putDouble(variance);
    out.putLong(lastTimestampMs);
    out.putDouble(lastCurrent);
    out.putDouble(lastTemperature);
    out.putLong(lastStepMs);
  }

  /**
   * Reads {@link #ENCODED_SIZE} bytes written by {@link #encode}.
   *
   * @throws IllegalArgumentException on an unknown version or flags
   */
  public static SocFusion decode(FusionParameters parameters, ByteBuffer in) {
    int version = in.get() & 0xFF;
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "unknown fusion-state version " + version + " (this build reads " + VERSION + ")");
    }
    int flags = in.get() & 0xFF;
    if ((flags & ~(HAS_LAST | STARTED)) != 0) {
      throw new IllegalArgumentException("unknown fusion-state flags " + flags);
    }
    SocFusion fusion = new SocFusion(parameters);
    fusion.hasLast = (flags & HAS_LAST) != 0;
    fusion.started = (flags & STARTED) != 0;
    fusion.soc = in.getDouble();
    fusion.variance = in.getDouble();
    fusion.lastTimestampMs = in.getLong();
    fusion.lastCurrent = in.getDouble();
    fusion.lastTemperature = in.getDouble();
    fusion.lastStepMs = in.getLong();
    return fusion;
  }

  /** The model's estimate as a SOC: its output clamped to [0, 1] (NaN stays NaN). */
  public static double clampModel(float modelOutput) {
    return clamp(modelOutput);
  }

  private static double clamp(double value) {
    return Double.isNaN(value) ? value : Math.max(0.0, Math.min(1.0, value));
  }
}
