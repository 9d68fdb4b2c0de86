package io.socstream.streams.state;

import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureWindow;
import io.socstream.core.features.Sample;
import io.socstream.core.inference.SocModel;
import io.socstream.streams.TopologyNames;
import io.socstream.streams.dlq.TelemetryRejectedException;
import io.socstream.streams.features.SampleIntake;
import io.socstream.streams.inference.BatchInference;
import io.socstream.streams.inference.EstimateFactory;
import io.socstream.streams.ops.SocMetrics;
import io.socstream.streams.rollout.ModelLease;
import io.socstream.streams.rollout.RolloutMetrics;
import io.socstream.streams.rollout.ShadowRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The engine's one stateful node: per battery (keyed telemetry in) it runs the estimator on the
 * {@link TopologyNames#BATTERY_STATE_STORE} store and batches the windows of many batteries into
 * model calls, emitting one {@link SocEstimate} per window.
 *
 * <h2>State: one value per battery</h2>
 *
 * The store (battery id → {@link BatteryStateCodec} bytes, cached and changelogged) holds the
 * battery's estimator, its held jump-ahead sample, whether its newest window waits for the model
 * and its newest estimate. A record reads and writes only its battery's value; the record cache
 * turns the writes of one commit interval into one changelog record per battery.
 *
 * <h2>Pending windows: at most one per battery</h2>
 *
 * A ready window is not stored: the battery is marked pending (flag and arrival sequence in its
 * value, and in the in-memory {@link PendingBatteries}), and a flush rebuilds the window from the
 * estimator ({@code currentWindow()}). That is the window of the newest accepted sample, so before
 * the estimator of a pending battery accepts its next sample, everything pending is flushed: the
 * model output of a window is fused before the next accept, as offline. A flush runs when B
 * batteries are pending, on a wall-clock punctuation every L ms (linger), with L = 0 after every
 * record, and when a pending battery's next sample comes (so a batch holds windows of up to B
 * different batteries). After a restore or a rebalance the pending batteries are found again by
 * scanning the store on first use.
 *
 * <p>Under exactly_once_v2 the state writes, the estimates and the input offsets commit in one
 * transaction: a crash before a flush leaves the batteries pending after restore (flushed then), a
 * crash after it rolls the whole flush back. Nothing is lost, nothing is emitted twice.
 */
public final class EstimatorProcessor implements Processor<String, Telemetry, String, SocEstimate> {

  private final SocModel model;
  private final FeatureSpec spec;
  private final int batchSize;
  private final long lingerMs;
  private final long outOfOrderToleranceMs;
  private final int emitEvery;
  private final SocMetrics metrics;
  private final RolloutMetrics rolloutMetrics;
  private final EstimateFactory estimates;
  private final BatteryStateCodec codec;
  private final PendingBatteries pending = new PendingBatteries();

  private ProcessorContext<String, SocEstimate> context;
  private KeyValueStore<String, byte[]> store;
  private SampleIntake intake;
  private BatchInference inference;
  private Sensor repeatFlushes;
  private boolean loaded;

  /**
   * @param batchSize B, the most windows per model call
   * @param lingerMs L, the longest a window waits for a fuller batch (wall clock); 0: flush after
   *     every record
   */
  public EstimatorProcessor(
      SocModel model,
      int batchSize,
      long lingerMs,
      long outOfOrderToleranceMs,
      int emitEvery,
      SocMetrics metrics) {
    this.model = model;
    this.spec = model.featureSpec();
    this.batchSize = batchSize;
    this.lingerMs = lingerMs;
    this.outOfOrderToleranceMs = outOfOrderToleranceMs;
    this.emitEvery = emitEvery;
    this.metrics = metrics;
    this.rolloutMetrics = new RolloutMetrics(metrics.registry());
    this.estimates = new EstimateFactory(model.modelVersion(), spec.longestHorizonMs());
    this.codec = new BatteryStateCodec(spec, model.fusionParameters());
  }

  @Override
  public void init(ProcessorContext<String, SocEstimate> context) {
    this.context = context;
    this.store = context.getStateStore(TopologyNames.BATTERY_STATE_STORE);
    String task = context.taskId().toString();
    intake =
        new SampleIntake(
            spec.windowLength(), outOfOrderToleranceMs, emitEvery, context.metrics(), task);
    inference = new BatchInference(model, metrics, context.metrics(), task);
    repeatFlushes =
        context
            .metrics()
            .addRateTotalSensor(
                "soc-inference", task, "repeat-flushes", Sensor.RecordingLevel.INFO);
    // A revived task (after an aborted transaction) starts again from the store.
    pending.clear();
    loaded = false;
    if (lingerMs > 0) {
      context.schedule(
          Duration.ofMillis(lingerMs), PunctuationType.WALL_CLOCK_TIME, now -> flushAll());
    }
  }

  @Override
  public void process(Record<String, Telemetry> record) {
    loadPending();
    String batteryId = record.key();
    Telemetry t = record.value();
    Sample sample =
        new Sample(
            t.getTimestamp().toEpochMilli(), t.getVoltageV(), t.getCurrentA(), t.getTemperatureC());
    BatteryState state = pending.get(batteryId);
    if (state == null) {
      byte[] stored = store.get(batteryId);
      state = stored == null ? codec.fresh() : codec.decode(stored);
    }
    // The serving model's card: after a rollout the charge is counted with the new parameters.
    state.estimator().useFusionParameters(model.fusionParameters());
    TelemetryRejectedException refused =
        intake.take(
            batteryId,
            state,
            sample,
            new SampleIntake.Listener() {
              @Override
              public void beforeAccept(BatteryState s) {
                if (s.isPending()) {
                  repeatFlushes.record();
                  flushAll();
                }
              }

              @Override
              public void windowReady(BatteryState s) {
                pending.add(batteryId, s);
              }
            });
    store.put(batteryId, codec.encode(state));
    if (refused != null) {
      // The handler dead-letters the record; what the state did before the refusal is kept.
      throw refused;
    }
    if (pending.size() >= batchSize || lingerMs == 0) {
      flushAll();
    }
  }

  /**
   * Finds the batteries left pending by the previous owner of this task (restored from the
   * changelog). Done on first use rather than in {@code init}, so it also sees state put into the
   * store after {@code init}.
   */
  private void loadPending() {
    if (loaded) {
      return;
    }
    pending.clear();
    List<KeyValue<String, BatteryState>> found = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        if (BatteryStateCodec.isPending(entry.value)) {
          found.add(KeyValue.pair(entry.key, codec.decode(entry.value)));
        }
      }
    }
    found.sort(Comparator.comparingLong(kv -> kv.value.pendingSeq()));
    for (KeyValue<String, BatteryState> kv : found) {
      pending.restore(kv.key, kv.value);
    }
    loaded = true;
  }

  /** Runs the model on every pending window, B per call, oldest first. */
  private void flushAll() {
    loadPending();
    while (!pending.isEmpty()) {
      flushOneBatch();
    }
  }

  private void flushOneBatch() {
    // One lease per batch: a model swap (rollout) takes effect at a batch boundary.
    try (ModelLease lease = ModelLease.of(model)) {
      flushOneBatch(lease.primary(), lease.shadow());
    }
  }

  private void flushOneBatch(SocModel batchModel, SocModel shadow) {
    // Removed from the pending index only once estimated, so that index and store still agree
    // when the model call throws.
    List<String> batch = pending.oldest(batchSize);
    List<FeatureWindow> windows = new ArrayList<>(batch.size());
    for (String batteryId : batch) {
      FeatureWindow w = pending.get(batteryId).estimator().features().currentWindow();
      if (w == null) {
        throw new IllegalStateException(
            "battery " + batteryId + " is pending but its estimator has no window");
      }
      windows.add(w);
    }
    float[] soc = inference.predict(batchModel, windows);
    int b = batch.size();
    long now = context.currentSystemTimeMs();
    List<SocEstimate> out = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      String batteryId = batch.get(i);
      BatteryState state = pending.get(batteryId);
      FeatureWindow w = windows.get(i);
      state.estimator().useFusionParameters(batchModel.fusionParameters());
      SocEstimate estimate =
          estimates.estimate(
              batteryId, w, state.estimator().fuse(soc[i], w), b, now, batchModel.modelVersion());
      out.add(estimate);
      context.forward(
          new Record<>(batteryId, estimate, w.endTimestampMs()), TopologyNames.SOC_SINK);
      pending.remove(batteryId);
      state.setLatestEstimate(LatestEstimateCodec.encode(estimate));
      store.put(batteryId, codec.encode(state));
    }
    metrics.estimatesOut(b);
    FeatureWindow[] shadowWindows = windows.toArray(new FeatureWindow[0]);
    for (SocEstimate s : ShadowRun.estimatesOrNone(shadow, shadowWindows, out, rolloutMetrics)) {
      context.forward(
          new Record<>(s.getBatteryId().toString(), s, s.getTimestamp().toEpochMilli()),
          TopologyNames.SHADOW_SINK);
    }
  }
}
