package io.socstream.streams.inference;

import io.socstream.avro.SocEstimate;
import io.socstream.core.features.FeatureWindow;
import io.socstream.core.features.StepRecord;
import io.socstream.core.inference.SocModel;
import io.socstream.streams.TopologyNames;
import io.socstream.streams.features.StoreStepLog;
import io.socstream.streams.features.WindowEvent;
import io.socstream.streams.ops.SocMetrics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Bytes;
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
 * <p>A ready window is first written to the pending store (sequence → {@link PendingWindow}), which
 * is changelogged. What is stored is a fixed-size reference (battery, newest step's sequence
 * number, times, segment samples, warm-up flag), not the T×F features, so the bytes written per
 * window do not grow with T. A flush takes up to B windows in arrival order, rebuilds each from the
 * {@code feature-steps} store (the steps {@code endSeq - T + 1 .. endSeq}), normalises it with the
 * model card's normalisation, runs the model once on the batch, forwards one estimate per window,
 * updates {@code latest-soc} and deletes the windows from the pending store.
 *
 * <p><b>Pending windows keep their steps.</b> Before the feature node deletes steps of a battery it
 * forwards {@link WindowEvent.Evicting}; if a pending window of that battery starts at or before
 * the highest step about to go, everything pending is flushed first. So a window's steps always
 * exist when it is flushed; a missing one is a bug and fails loudly ({@link
 * IllegalStateException}). Under exactly_once_v2 the pending-store writes, the estimates and the
 * input offsets commit in one transaction: a crash before a flush leaves the windows pending after
 * restore (flushed then), a crash after it rolls the whole flush back. Nothing is lost, nothing is
 * emitted twice.
 *
 * <p>A flush runs when B windows are pending, on a wall-clock punctuation every L ms (linger), or,
 * with L = 0, after every input record.
 */
public final class InferenceProcessor
    implements Processor<String, WindowEvent, String, SocEstimate> {

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
  private KeyValueStore<Bytes, byte[]> steps;

  /**
   * Per battery: the last T steps this task read from the steps store, decoded. Consecutive windows
   * of a battery share T - 1 steps, so a flush reads about one step per window from the store
   * instead of T. A step is final once written (a sequence number is never reused for another
   * step), so a cached step is always what the store holds or held; entries are dropped when the
   * feature node deletes their steps and the whole cache is dropped on {@code init} (a new or
   * revived task) and when it exceeds {@link #MAX_CACHED_BATTERIES}.
   */
  private final Map<String, RecentSteps> recentSteps = new HashMap<>();

  static final int MAX_CACHED_BATTERIES = 100_000;

  /**
   * The pending store's content in sequence order, decoded: what a flush takes, so that it never
   * iterates the store (whose RocksDB iterator would first skip the tombstones of every window
   * flushed since the last compaction). The store stays the source of truth: this is filled from it
   * on first use after {@code init} and mirrors every put and delete.
   */
  private final ArrayDeque<KeyValue<Long, PendingWindow>> pendingWindows = new ArrayDeque<>();

  /** Per battery with pending windows: the oldest step any of them needs. */
  private final Map<String, Long> oldestNeededStep = new HashMap<>();

  private long nextSequence;
  private boolean loaded;
  private Sensor batches;
  private Sensor evictionFlushes;

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
    this.steps = context.getStateStore(TopologyNames.FEATURE_STEPS_STORE);
    recentSteps.clear();
    loaded = false;
    String task = context.taskId().toString();
    var info = Sensor.RecordingLevel.INFO;
    batches = context.metrics().addRateTotalSensor("soc-inference", task, "model-calls", info);
    evictionFlushes =
        context.metrics().addRateTotalSensor("soc-inference", task, "eviction-flushes", info);
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
    nextSequence = 0;
    oldestNeededStep.clear();
    pendingWindows.clear();
    try (KeyValueIterator<Long, byte[]> it = pending.all()) {
      while (it.hasNext()) {
        KeyValue<Long, byte[]> entry = it.next();
        nextSequence = Math.max(nextSequence, entry.key + 1);
        PendingWindow w = PendingWindowCodec.decode(entry.value);
        pendingWindows.addLast(KeyValue.pair(entry.key, w));
        oldestNeededStep.merge(w.batteryId(), w.firstSeq(windowLength), Math::min);
      }
    }
    loaded = true;
  }

  @Override
  public void process(Record<String, WindowEvent> record) {
    loadPending();
    String batteryId = record.key();
    WindowEvent event = record.value();
    if (event instanceof WindowEvent.Evicting evicting) {
      Long needed = oldestNeededStep.get(batteryId);
      if (needed != null && needed <= evicting.throughSeq()) {
        evictionFlushes.record();
        flushAll();
      }
      RecentSteps recent = recentSteps.get(batteryId);
      if (recent != null) {
        recent.forgetThrough(evicting.throughSeq());
      }
    } else if (event instanceof WindowEvent.Ready ready) {
      PendingWindow w =
          new PendingWindow(
              batteryId,
              ready.endSeq(),
              ready.startTimestampMs(),
              ready.endTimestampMs(),
              ready.segmentSamples(),
              ready.warmingUp());
      long sequence = nextSequence++;
      pending.put(sequence, PendingWindowCodec.encode(w));
      pendingWindows.addLast(KeyValue.pair(sequence, w));
      oldestNeededStep.merge(batteryId, w.firstSeq(windowLength), Math::min);
      if (pendingWindows.size() >= batchSize || lingerMs == 0) {
        flushAll();
      }
    }
  }

  /** Runs the model on everything pending, B windows per call, oldest first. */
  void flushAll() {
    loadPending();
    while (!pendingWindows.isEmpty()) {
      flushOneBatch();
    }
    oldestNeededStep.clear();
  }

  private void flushOneBatch() {
    // Taken off the queue only as they are deleted from the store, so that the two still agree
    // when something in between throws.
    List<KeyValue<Long, PendingWindow>> batch = new ArrayList<>(batchSize);
    for (KeyValue<Long, PendingWindow> entry : pendingWindows) {
      if (batch.size() == batchSize) {
        break;
      }
      batch.add(entry);
    }
    int b = batch.size();
    int stride = windowLength * featureCount;
    float[] inputs = new float[b * stride];
    for (int i = 0; i < b; i++) {
      model.normalizeInto(rebuild(batch.get(i).value), inputs, i * stride);
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
    // latest-soc gets each battery's newest estimate of the batch once (batch order is arrival
    // order, so the last one wins), not one serialised put per estimate.
    Map<String, SocEstimate> newest = new HashMap<>();
    for (int i = 0; i < b; i++) {
      PendingWindow w = batch.get(i).value;
      SocEstimate estimate = estimates.estimate(w, soc[i], b, now);
      newest.put(w.batteryId(), estimate);
      context.forward(new Record<>(w.batteryId(), estimate, w.endTimestampMs()));
      pending.delete(batch.get(i).key);
      pendingWindows.pollFirst();
    }
    for (Map.Entry<String, SocEstimate> e : newest.entrySet()) {
      latest.put(e.getKey(), e.getValue());
    }
    metrics.estimatesOut(b);
  }

  /** The window's features from the steps store, as the feature pipeline emitted them. */
  private FeatureWindow rebuild(PendingWindow w) {
    StoreStepLog log = null;
    if (recentSteps.size() >= MAX_CACHED_BATTERIES && !recentSteps.containsKey(w.batteryId())) {
      recentSteps.clear();
    }
    RecentSteps recent =
        recentSteps.computeIfAbsent(w.batteryId(), id -> new RecentSteps(windowLength));
    long first = w.firstSeq(windowLength);
    float[][] features = new float[windowLength][featureCount];
    for (int k = 0; k < windowLength; k++) {
      StepRecord step = recent.get(first + k);
      if (step == null) {
        if (log == null) {
          log = new StoreStepLog(steps, w.batteryId());
        }
        try {
          step = log.get(first + k);
        } catch (IllegalStateException e) {
          throw new IllegalStateException(
              "pending window of battery "
                  + w.batteryId()
                  + " ending at step "
                  + w.endSeq()
                  + " lost step "
                  + (first + k)
                  + ": steps were evicted before the window was flushed",
              e);
        }
        recent.put(first + k, step);
      }
      step.writeFeatures(features[k]);
      if ((k == 0 && step.timestampMs() != w.startTimestampMs())
          || (k == windowLength - 1 && step.timestampMs() != w.endTimestampMs())) {
        throw new IllegalStateException(
            "pending window of battery "
                + w.batteryId()
                + " ending at step "
                + w.endSeq()
                + " does not match the stored steps (step "
                + (first + k)
                + " is at "
                + step.timestampMs()
                + ")");
      }
    }
    return new FeatureWindow(
        w.startTimestampMs(), w.endTimestampMs(), w.segmentSamples(), w.warmingUp(), features);
  }

  /** A battery's most recent steps, slot {@code seq mod capacity}. */
  private static final class RecentSteps {
    private final long[] seqs;
    private final StepRecord[] records;

    RecentSteps(int capacity) {
      seqs = new long[capacity];
      records = new StepRecord[capacity];
      java.util.Arrays.fill(seqs, Long.MIN_VALUE);
    }

    StepRecord get(long seq) {
      int slot = (int) Math.floorMod(seq, (long) seqs.length);
      return seqs[slot] == seq ? records[slot] : null;
    }

    void put(long seq, StepRecord record) {
      int slot = (int) Math.floorMod(seq, (long) seqs.length);
      seqs[slot] = seq;
      records[slot] = record;
    }

    void forgetThrough(long seq) {
      for (int i = 0; i < seqs.length; i++) {
        if (seqs[i] != Long.MIN_VALUE && seqs[i] <= seq) {
          seqs[i] = Long.MIN_VALUE;
          records[i] = null;
        }
      }
    }
  }
}
