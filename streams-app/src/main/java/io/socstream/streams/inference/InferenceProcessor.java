package io.socstream.streams.inference;

import io.socstream.avro.SocEstimate;
import io.socstream.core.features.FeatureWindow;
import io.socstream.streams.TopologyNames;
import io.socstream.streams.model.SocModel;
import io.socstream.streams.ops.SocMetrics;
import java.time.Duration;
import java.util.ArrayList;
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
 * Batches ready windows into model calls and emits one {@link SocEstimate} per window.
 *
 * <p>A window is first written to the pending store (sequence → window), which is changelogged. A
 * flush takes up to B windows in arrival order, runs the model once on them, forwards one estimate
 * per window, updates {@code latest-soc} and deletes the windows from the pending store. Under
 * exactly_once_v2 the pending-store writes, the estimates and the input offsets commit in one
 * transaction: a crash before a flush leaves the windows pending after restore (flushed then), a
 * crash after it rolls the whole flush back. Nothing is lost, nothing is emitted twice.
 *
 * <p>A flush runs when B windows are pending, on a wall-clock punctuation every L ms (linger), or,
 * with L = 0, after every input record.
 */
public final class InferenceProcessor
    implements Processor<String, FeatureWindow, String, SocEstimate> {

  private final SocModel model;
  private final int batchSize;
  private final long lingerMs;
  private final int windowLength;
  private final int featureCount;
  private final EstimateFactory estimates;
  private final SocMetrics metrics;

  private ProcessorContext<String, SocEstimate> context;
  private KeyValueStore<Long, byte[]> pending;
  private KeyValueStore<String, SocEstimate> latest;
  private long nextSequence;
  private int pendingCount;
  private boolean loaded;
  private Sensor batches;

  public InferenceProcessor(SocModel model, int batchSize, long lingerMs) {
    this(model, batchSize, lingerMs, SocMetrics.noop());
  }

  /** Records every model call (batch size, latency) and the estimates out in {@code metrics}. */
  public InferenceProcessor(SocModel model, int batchSize, long lingerMs, SocMetrics metrics) {
    this.metrics = metrics;
    this.model = model;
    this.batchSize = batchSize;
    this.lingerMs = lingerMs;
    this.windowLength = model.featureSpec().windowLength();
    this.featureCount = model.featureSpec().featureCount();
    this.estimates =
        new EstimateFactory(
            model.modelVersion(), windowLength, model.featureSpec().longestHorizonMs());
  }

  @Override
  public void init(ProcessorContext<String, SocEstimate> context) {
    this.context = context;
    this.pending = context.getStateStore(TopologyNames.PENDING_WINDOWS_STORE);
    this.latest = context.getStateStore(TopologyNames.LATEST_SOC_STORE);
    loaded = false;
    batches =
        context
            .metrics()
            .addRateTotalSensor(
                "soc-inference",
                context.taskId().toString(),
                "model-calls",
                Sensor.RecordingLevel.INFO);
    if (lingerMs > 0) {
      context.schedule(
          Duration.ofMillis(lingerMs), PunctuationType.WALL_CLOCK_TIME, now -> flushAll());
    }
  }

  /**
   * Counts the windows left pending by the previous owner of this task (restored from the
   * changelog) and continues their sequence. Done on first use rather than in {@code init}, so it
   * also sees state put into the store after {@code init}.
   */
  private void loadPending() {
    if (loaded) {
      return;
    }
    pendingCount = 0;
    nextSequence = 0;
    try (KeyValueIterator<Long, byte[]> it = pending.all()) {
      while (it.hasNext()) {
        long seq = it.next().key;
        pendingCount++;
        nextSequence = Math.max(nextSequence, seq + 1);
      }
    }
    loaded = true;
  }

  @Override
  public void process(Record<String, FeatureWindow> record) {
    loadPending();
    FeatureWindow window = record.value();
    float[] input = new float[windowLength * featureCount];
    model.normalizeInto(window, input, 0);
    PendingWindow w =
        new PendingWindow(
            record.key(),
            window.startTimestampMs(),
            window.endTimestampMs(),
            window.segmentSamples(),
            window.warmingUp(),
            input);
    pending.put(nextSequence++, PendingWindowCodec.encode(w));
    pendingCount++;
    if (pendingCount >= batchSize || lingerMs == 0) {
      flushAll();
    }
  }

  /** Runs the model on everything pending, B windows per call, oldest first. */
  void flushAll() {
    loadPending();
    while (pendingCount > 0) {
      flushOneBatch();
    }
  }

  private void flushOneBatch() {
    List<KeyValue<Long, PendingWindow>> batch = new ArrayList<>(batchSize);
    try (KeyValueIterator<Long, byte[]> it = pending.all()) {
      while (it.hasNext() && batch.size() < batchSize) {
        KeyValue<Long, byte[]> entry = it.next();
        batch.add(KeyValue.pair(entry.key, PendingWindowCodec.decode(entry.value)));
      }
    }
    if (batch.isEmpty()) {
      pendingCount = 0;
      return;
    }
    int b = batch.size();
    int stride = windowLength * featureCount;
    float[] inputs = new float[b * stride];
    for (int i = 0; i < b; i++) {
      System.arraycopy(batch.get(i).value.input(), 0, inputs, i * stride, stride);
    }
    float[] soc;
    long started = System.nanoTime();
    try {
      soc = model.predict(inputs, b);
      metrics.inference(b, System.nanoTime() - started);
    } catch (RuntimeException e) {
      throw new InferenceFailedException(
          "model " + model.modelVersion() + " failed on a batch of " + b + " windows", e);
    }
    if (soc.length != b) {
      throw new InferenceFailedException(
          "model returned " + soc.length + " values for " + b + " windows", null);
    }
    batches.record();
    long now = context.currentSystemTimeMs();
    for (int i = 0; i < b; i++) {
      PendingWindow w = batch.get(i).value;
      SocEstimate estimate = estimates.estimate(w, soc[i], b, now);
      latest.put(w.batteryId(), estimate);
      context.forward(new Record<>(w.batteryId(), estimate, w.endTimestampMs()));
      pending.delete(batch.get(i).key);
    }
    pendingCount -= b;
    metrics.estimatesOut(b);
  }
}
