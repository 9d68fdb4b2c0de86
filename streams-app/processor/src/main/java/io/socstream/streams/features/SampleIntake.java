package io.socstream.streams.features;

import io.socstream.avro.DeadLetterReason;
import io.socstream.core.features.BatteryFeatureState;
import io.socstream.core.features.FeatureUpdate;
import io.socstream.core.features.FeatureWindow;
import io.socstream.core.features.Quantizer;
import io.socstream.core.features.Sample;
import io.socstream.streams.dlq.TelemetryRejectedException;
import io.socstream.streams.state.BatteryState;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one battery's telemetry to its estimator: decides, per sample, whether it is accepted,
 * dropped, held or refused, and reports every k-th ready window.
 *
 * <p>Duplicates (same timestamp as the newest sample) are dropped and counted. An out-of-order
 * sample at most {@code outOfOrderToleranceMs} older than the newest is dropped and counted; an
 * older one is refused as {@code LATE} (dead-letter queue). A gap longer than the spec's {@code
 * maxGapMs} restarts the segment (warm-up again).
 *
 * <h2>One bad timestamp costs at most that record: a jump ahead is held until confirmed</h2>
 *
 * Lateness is judged against the battery's newest accepted sample, so one sample stamped ahead of
 * the battery's clock (say +30 s, still inside {@code soc.future.tolerance.ms}) would, if accepted,
 * make every on-time sample after it LATE until the clock caught up. So a sample that is more than
 * {@code outOfOrderToleranceMs} ahead of the battery's newest accepted sample is not accepted at
 * once: it is held (one per battery, in the battery's state, so it survives restarts) until the
 * battery's next sample decides.
 *
 * <ul>
 *   <li>The next sample is newer than the held one: the jump was real (a pause in the telemetry, or
 *       a gap longer than {@code maxGapMs}, which restarts warm-up as before). The held sample is
 *       accepted, then the next one: the accepted sequence, and therefore every feature window, is
 *       the same as without holding; the held sample's estimate just comes one sample later.
 *   <li>The next sample is not newer: the held sample was a bad timestamp. It is dropped, counted
 *       ({@code unconfirmed-jumps}) and logged at WARN (not dead-lettered: its bytes belong to an
 *       earlier record); the next sample and all that follow are processed as if it never came.
 * </ul>
 *
 * "Ahead" is relative to the battery's own cadence (see {@link #holdThresholdMs}): clean data at a
 * steady rate, 1 Hz or one sample per 10 s, is not held after a segment's second sample, and the
 * accepted sequence, so every window, is the same as offline either way. Metrics (group {@code
 * soc-features}): {@code duplicate-samples}, {@code out-of-order-samples}, {@code late-samples},
 * {@code gap-restarts}, {@code held-jumps}, {@code confirmed-jumps}, {@code unconfirmed-jumps}.
 */
public final class SampleIntake {

  static final String METRICS_SCOPE = "soc-features";

  private static final Logger LOG = LoggerFactory.getLogger(SampleIntake.class);

  /** Jumps up to this many times the battery's last interval are its cadence, not a bad clock. */
  static final long CADENCE_FACTOR = 3;

  /** What the engine does around an accept. */
  public interface Listener {

    /**
     * Called before the estimator accepts a sample newer than its newest one, so that a pending
     * window of the battery is estimated first (fusion needs it before the next accept).
     */
    void beforeAccept(BatteryState state);

    /** The sample just accepted completed a window that is to be estimated. */
    void windowReady(BatteryState state);
  }

  private final long outOfOrderToleranceMs;
  private final int emitEvery;
  private final int windowLength;
  private final Sensor duplicates;
  private final Sensor outOfOrder;
  private final Sensor late;
  private final Sensor gapRestarts;
  private final Sensor heldJumps;
  private final Sensor confirmedJumps;
  private final Sensor unconfirmedJumps;

  /** Registers the sensors of task {@code task} in {@code metrics}. */
  public SampleIntake(
      int windowLength,
      long outOfOrderToleranceMs,
      int emitEvery,
      StreamsMetrics metrics,
      String task) {
    this.windowLength = windowLength;
    this.outOfOrderToleranceMs = outOfOrderToleranceMs;
    this.emitEvery = emitEvery;
    var info = Sensor.RecordingLevel.INFO;
    duplicates = metrics.addRateTotalSensor(METRICS_SCOPE, task, "duplicate-samples", info);
    outOfOrder = metrics.addRateTotalSensor(METRICS_SCOPE, task, "out-of-order-samples", info);
    late = metrics.addRateTotalSensor(METRICS_SCOPE, task, "late-samples", info);
    gapRestarts = metrics.addRateTotalSensor(METRICS_SCOPE, task, "gap-restarts", info);
    heldJumps = metrics.addRateTotalSensor(METRICS_SCOPE, task, "held-jumps", info);
    confirmedJumps = metrics.addRateTotalSensor(METRICS_SCOPE, task, "confirmed-jumps", info);
    unconfirmedJumps = metrics.addRateTotalSensor(METRICS_SCOPE, task, "unconfirmed-jumps", info);
  }

  /**
   * How far ahead of the battery's newest sample a sample may be and still be accepted at once: the
   * out-of-order tolerance, or {@value #CADENCE_FACTOR} times the battery's own last interval when
   * that is larger. So telemetry every 10 s (intervals jittered by a few seconds) is not held
   * sample after sample, which would delay every estimate by one sample; a jump well beyond the
   * battery's cadence is still held until confirmed.
   */
  private long holdThresholdMs(BatteryFeatureState features) {
    return Math.max(outOfOrderToleranceMs, CADENCE_FACTOR * features.lastIntervalMs());
  }

  /**
   * Takes one sample of {@code batteryId} into {@code state}. Returns null, or the refusal to throw
   * once the state is stored (the state may have changed before the refusal: a held sample
   * released).
   */
  public TelemetryRejectedException take(
      String batteryId, BatteryState state, Sample sample, Listener listener) {
    Sample jump = state.held();
    if (jump != null) {
      state.releaseHeld();
      if (sample.timestampMs() > jump.timestampMs()) {
        // Confirmed: the clock really moved on. Both go in, in order.
        confirmedJumps.record();
        TelemetryRejectedException refused = accept(batteryId, state, jump, listener);
        if (refused != null) {
          return refused;
        }
      } else {
        unconfirmedJumps.record();
        LOG.warn(
            "Dropped a sample of battery {} at {}: it was {} ms ahead of the battery's clock and the"
                + " next sample ({}) did not confirm it",
            batteryId,
            jump.timestampMs(),
            jump.timestampMs() - state.estimator().features().lastTimestampMs(),
            sample.timestampMs());
      }
    }
    var features = state.estimator().features();
    if (!features.isEmpty()
        && sample.timestampMs() - features.lastTimestampMs() > holdThresholdMs(features)
        && isQuantizable(sample)) {
      heldJumps.record();
      state.hold(sample);
      return null;
    }
    return accept(batteryId, state, sample, listener);
  }

  private static boolean isQuantizable(Sample s) {
    return Quantizer.isQuantizable(s.voltage())
        && Quantizer.isQuantizable(s.current())
        && Quantizer.isQuantizable(s.temperature());
  }

  /** Feeds one sample to the estimator; reports its window or returns its refusal. */
  private TelemetryRejectedException accept(
      String batteryId, BatteryState state, Sample sample, Listener listener) {
    var features = state.estimator().features();
    long newest = features.lastTimestampMs();
    if (features.isEmpty() || sample.timestampMs() > newest) {
      listener.beforeAccept(state);
    }
    FeatureUpdate update = state.estimator().accept(sample);
    switch (update.outcome()) {
      case DUPLICATE -> duplicates.record();
      case OUT_OF_ORDER -> {
        long lateness = newest - sample.timestampMs();
        if (lateness > outOfOrderToleranceMs) {
          late.record();
          return new TelemetryRejectedException(
              DeadLetterReason.LATE,
              "sample of battery "
                  + batteryId
                  + " at "
                  + sample.timestampMs()
                  + " is "
                  + lateness
                  + " ms older than its newest sample (tolerance "
                  + outOfOrderToleranceMs
                  + " ms)");
        }
        outOfOrder.record();
      }
      case ACCEPTED_AFTER_GAP -> gapRestarts.record();
      case INVALID -> {
        return new TelemetryRejectedException(
            DeadLetterReason.OUT_OF_BOUNDS,
            "sample of battery " + batteryId + " cannot be represented by the feature pipeline");
      }
      default -> {}
    }
    if (update.hasWindow() && isEmitted(update.window())) {
      listener.windowReady(state);
    }
    return null;
  }

  /** Every k-th window of a segment, starting with its first. */
  private boolean isEmitted(FeatureWindow window) {
    return (window.segmentSamples() - windowLength) % emitEvery == 0;
  }
}
