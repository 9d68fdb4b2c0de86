package io.socstream.streams.features;

import io.socstream.avro.DeadLetterReason;
import io.socstream.avro.Telemetry;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureStateCodec;
import io.socstream.core.features.FeatureUpdate;
import io.socstream.core.features.FeatureWindow;
import io.socstream.core.features.Quantizer;
import io.socstream.core.features.Sample;
import io.socstream.core.features.StateHeader;
import io.socstream.core.features.StepLogFeatureState;
import io.socstream.streams.TopologyNames;
import io.socstream.streams.dlq.TelemetryRejectedException;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the core feature pipeline per battery on persistent stores and forwards a reference to every
 * k-th ready window ({@link WindowEvent.Ready}: its newest step's sequence number and times, not
 * its features).
 *
 * <p>Per battery the state is a small header (header store, battery id → header) plus one record
 * per retained step (steps store, (battery id, seq) → step); both stores are changelogged, so the
 * pipeline continues exactly where it stopped after a restart or a rebalance.
 *
 * <p>Duplicates (same timestamp as the newest sample) are dropped and counted. An out-of-order
 * sample at most {@code outOfOrderToleranceMs} older than the newest is dropped and counted; an
 * older one is refused as {@code LATE} (dead-letter queue), leaving the state untouched. A gap
 * longer than the spec's {@code maxGapMs} restarts the segment (warm-up again).
 *
 * <h2>One bad timestamp costs at most that record: a jump ahead is held until confirmed</h2>
 *
 * Lateness is judged against the battery's newest accepted sample, so one sample stamped ahead of
 * the battery's clock (say +30 s, still inside {@code soc.future.tolerance.ms}) would, if accepted,
 * make every on-time sample after it LATE until the clock caught up. So a sample that is more than
 * {@code outOfOrderToleranceMs} ahead of the battery's newest accepted sample is not accepted at
 * once: it is held (one per battery, in the steps store, so it survives restarts) until the
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
 * Clean data at a steady rate faster than the tolerance is never held, so stream and offline
 * windows stay identical. Costs: a jump's estimate waits for the battery's next sample, and a
 * battery's last sample before it falls silent, if it is a jump, is not estimated until it sends
 * again. Metrics: {@code held-jumps}, {@code confirmed-jumps}, {@code unconfirmed-jumps}.
 *
 * <h2>Steps outlive the windows that reference them</h2>
 *
 * The inference node rebuilds a pending window from the steps store when it runs the model, so a
 * step must not be deleted while a pending window needs it. The core deletes steps as a sample
 * makes them unnecessary (older than the last T and outside every horizon, or all of them at a
 * gap). This processor holds those deletions back, forwards {@link WindowEvent.Evicting} with the
 * highest sequence number about to go (the inference node flushes first if a pending window of this
 * battery starts at or before it), and only then deletes. Forwarding is a synchronous call in the
 * same task, so the rule holds whatever B, the linger, T or the horizons are.
 */
public final class FeatureProcessor implements Processor<String, Telemetry, String, WindowEvent> {

  static final String METRICS_SCOPE = "soc-features";

  private static final Logger LOG = LoggerFactory.getLogger(FeatureProcessor.class);
  private static final long NONE = Long.MIN_VALUE;

  private final FeatureSpec spec;
  private final long outOfOrderToleranceMs;
  private final int emitEvery;

  private ProcessorContext<String, WindowEvent> context;
  private KeyValueStore<String, byte[]> headers;
  private KeyValueStore<Bytes, byte[]> steps;
  private Sensor duplicates;
  private Sensor outOfOrder;
  private Sensor late;
  private Sensor gapRestarts;
  private Sensor heldJumps;
  private Sensor confirmedJumps;
  private Sensor unconfirmedJumps;

  public FeatureProcessor(FeatureSpec spec, long outOfOrderToleranceMs, int emitEvery) {
    this.spec = spec;
    this.outOfOrderToleranceMs = outOfOrderToleranceMs;
    this.emitEvery = emitEvery;
  }

  @Override
  public void init(ProcessorContext<String, WindowEvent> context) {
    this.context = context;
    this.headers = context.getStateStore(TopologyNames.FEATURE_HEADER_STORE);
    this.steps = context.getStateStore(TopologyNames.FEATURE_STEPS_STORE);
    String task = context.taskId().toString();
    var metrics = context.metrics();
    var info = Sensor.RecordingLevel.INFO;
    duplicates = metrics.addRateTotalSensor(METRICS_SCOPE, task, "duplicate-samples", info);
    outOfOrder = metrics.addRateTotalSensor(METRICS_SCOPE, task, "out-of-order-samples", info);
    late = metrics.addRateTotalSensor(METRICS_SCOPE, task, "late-samples", info);
    gapRestarts = metrics.addRateTotalSensor(METRICS_SCOPE, task, "gap-restarts", info);
    heldJumps = metrics.addRateTotalSensor(METRICS_SCOPE, task, "held-jumps", info);
    confirmedJumps = metrics.addRateTotalSensor(METRICS_SCOPE, task, "confirmed-jumps", info);
    unconfirmedJumps = metrics.addRateTotalSensor(METRICS_SCOPE, task, "unconfirmed-jumps", info);
  }

  @Override
  public void process(Record<String, Telemetry> record) {
    String batteryId = record.key();
    Telemetry t = record.value();
    Sample sample =
        new Sample(
            t.getTimestamp().toEpochMilli(), t.getVoltageV(), t.getCurrentA(), t.getTemperatureC());
    StoreStepLog stepLog = new StoreStepLog(steps, batteryId);
    HeldJump held = new HeldJump(steps, stepLog);
    Sample jump = held.get();
    if (jump != null) {
      held.release();
      if (sample.timestampMs() > jump.timestampMs()) {
        // Confirmed: the clock really moved on. Both go in, in order.
        confirmedJumps.record();
        apply(batteryId, stepLog, jump);
      } else {
        unconfirmedJumps.record();
        LOG.warn(
            "Dropped a sample of battery {} at {}: it was {} ms ahead of the battery's clock and the"
                + " next sample ({}) did not confirm it",
            batteryId,
            jump.timestampMs(),
            jump.timestampMs() - newestOf(batteryId),
            sample.timestampMs());
      }
    }
    long newest = newestOf(batteryId);
    if (newest != NONE
        && sample.timestampMs() - newest > outOfOrderToleranceMs
        && isQuantizable(sample)) {
      heldJumps.record();
      held.hold(sample);
      return;
    }
    apply(batteryId, stepLog, sample);
  }

  /** The battery's newest accepted timestamp, or {@link #NONE}. */
  private long newestOf(String batteryId) {
    byte[] stored = headers.get(batteryId);
    if (stored == null) {
      return NONE;
    }
    StateHeader header = FeatureStateCodec.decodeHeader(stored);
    return header.isEmpty() ? NONE : header.lastTimestampMs();
  }

  private static boolean isQuantizable(Sample s) {
    return Quantizer.isQuantizable(s.voltage())
        && Quantizer.isQuantizable(s.current())
        && Quantizer.isQuantizable(s.temperature());
  }

  /** Feeds one sample to the battery's pipeline and forwards what it produced. */
  private void apply(String batteryId, StoreStepLog stepLog, Sample sample) {
    DeferredDeleteStepLog log = new DeferredDeleteStepLog(stepLog);
    StepLogFeatureState state = load(batteryId, log);
    long newest = state.header().lastTimestampMs();
    // Only the window's times are forwarded: the inference node reads the features at flush.
    FeatureUpdate update = state.accept(sample, false);
    switch (update.outcome()) {
      case DUPLICATE -> duplicates.record();
      case OUT_OF_ORDER -> {
        long lateness = newest - sample.timestampMs();
        if (lateness > outOfOrderToleranceMs) {
          late.record();
          // Nothing is stored: the handler dead-letters the record and the state stays as it was.
          throw new TelemetryRejectedException(
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
      case INVALID ->
          throw new TelemetryRejectedException(
              DeadLetterReason.OUT_OF_BOUNDS,
              "sample of battery " + batteryId + " cannot be represented by the feature pipeline");
      default -> {}
    }
    if (log.hasDeletes()) {
      // Let the inference node estimate pending windows that need these steps, then delete them.
      context.forward(
          new Record<>(
              batteryId, new WindowEvent.Evicting(log.maxDeleted()), sample.timestampMs()));
      log.applyDeletes();
    }
    headers.put(batteryId, FeatureStateCodec.encodeHeader(state.header()));
    if (update.hasWindow() && isEmitted(update.window())) {
      FeatureWindow w = update.window();
      WindowEvent.Ready ready =
          new WindowEvent.Ready(
              state.header().newestSeq(),
              w.startTimestampMs(),
              w.endTimestampMs(),
              w.segmentSamples(),
              w.warmingUp());
      context.forward(new Record<>(batteryId, ready, sample.timestampMs()));
    }
  }

  /** Every k-th window of a segment, starting with its first. */
  private boolean isEmitted(FeatureWindow window) {
    return (window.segmentSamples() - spec.windowLength()) % emitEvery == 0;
  }

  private StepLogFeatureState load(String batteryId, DeferredDeleteStepLog log) {
    byte[] stored = headers.get(batteryId);
    if (stored == null) {
      return StepLogFeatureState.fresh(spec, log);
    }
    StateHeader header = FeatureStateCodec.decodeHeader(stored);
    return StepLogFeatureState.resume(spec, header, log);
  }
}
