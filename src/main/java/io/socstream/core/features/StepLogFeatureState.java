package io.socstream.core.features;

/**
 * <b>Legacy (features v1), to be deleted</b> once streams-app runs on {@link BatteryFeatureState}:
 * the step-log pipeline of one battery, for {@link FeatureSpec}s without blocks only.
 *
 * <p>The streaming feature pipeline of one battery: fed one {@link Sample} at a time, it emits a
 * {@link FeatureWindow} per accepted sample once the segment is T samples long.
 *
 * <h2>Rules</h2>
 *
 * <ol>
 *   <li><b>Validity.</b> A sample whose voltage, current or temperature is not finite or not {@link
 *       Quantizer#isQuantizable quantisable} is dropped: {@link SampleOutcome#INVALID}.
 *   <li><b>Order.</b> Let {@code last} be the timestamp of the last accepted sample. A sample with
 *       {@code t == last} is dropped as {@link SampleOutcome#DUPLICATE}; {@code t < last} is
 *       dropped as {@link SampleOutcome#OUT_OF_ORDER}. The pipeline never rewrites history:
 *       accepted steps are final, so the windows depend only on the accepted sequence and the same
 *       input order always gives the same output. Whether a dropped late sample is reported (e.g.
 *       to a dead-letter topic as LATE) is the caller's decision, by its own tolerance.
 *   <li><b>Segments.</b> If {@code t - last > maxGapMs} the current segment ends and a new one
 *       starts with this sample ({@link SampleOutcome#ACCEPTED_AFTER_GAP}); all rolling sums reset
 *       and warm-up begins again. Otherwise the sample is appended ({@link
 *       SampleOutcome#ACCEPTED}). The very first sample starts the first segment and is {@code
 *       ACCEPTED}.
 *   <li><b>Features per step</b>, in {@link FeatureSpec#featureNames()} order: V, I, T of the
 *       sample, then for every horizon {@code h} the mean V and mean I over the accepted samples of
 *       the current segment with timestamp in {@code (t - h, t]} (so the current sample is always
 *       included; while the segment is younger than {@code h} the mean covers fewer samples).
 *   <li><b>Arithmetic.</b> Values are quantised by {@link Quantizer} (10 µV, 10 µA, 0.00001 °C) and
 *       summed exactly in {@code long}; a mean is {@code (float) ((double) sum / n / SCALE)}.
 *       {@link BatchFeatureExtractor} uses the same arithmetic, so both paths agree bit for bit.
 *   <li><b>Windows.</b> Once the segment has at least T samples, every accepted sample emits the
 *       window of the last T steps, the newest last; {@code warmingUp} is {@code t - segmentStart <
 *       longest horizon}. Dropped samples and the first T-1 samples of a segment emit none.
 * </ol>
 *
 * <h2>State</h2>
 *
 * A small fixed-size {@link StateHeader} plus one {@link StepRecord} per retained step in a {@link
 * StepLog}. A step is retained while it is in the last T steps or inside some horizon of the newest
 * step; then it is deleted. Per sample the work is O(1) amortised plus O(T) to copy the window: one
 * put, one get per horizon (plus one per eviction), T gets for the window.
 *
 * <p>Not thread-safe: one instance per battery, used by one thread.
 */
public final class StepLogFeatureState {

  private final FeatureSpec spec;
  private final StateHeader header;
  private final StepLog log;
  private final long[] horizonMs;
  private final int featureCount;

  private StepLogFeatureState(FeatureSpec spec, StateHeader header, StepLog log) {
    if (spec.usesBlocks()) {
      throw new IllegalArgumentException(
          "the step-log pipeline computes legacy per-sample means only, not " + spec);
    }
    if (!header.matches(spec)) {
      throw new IllegalArgumentException(
          "state header (T="
              + header.windowLength
              + ", horizons="
              + java.util.Arrays.toString(header.horizonSeconds)
              + ") was built for another feature spec than "
              + spec);
    }
    this.spec = spec;
    this.header = header;
    this.log = log;
    this.horizonMs = new long[header.horizonCount()];
    for (int h = 0; h < horizonMs.length; h++) {
      horizonMs[h] = 1000L * header.horizonSeconds[h];
    }
    this.featureCount = spec.featureCount();
  }

  /** A battery that has not sent a sample yet; {@code log} must be empty for it. */
  public static StepLogFeatureState fresh(FeatureSpec spec, StepLog log) {
    return new StepLogFeatureState(spec, StateHeader.empty(spec), log);
  }

  /**
   * Resumes from a stored header and the step log that holds its retained steps. The state mutates
   * {@code header} in place.
   *
   * @throws IllegalArgumentException when the header was built for another window length or other
   *     horizons
   */
  public static StepLogFeatureState resume(FeatureSpec spec, StateHeader header, StepLog log) {
    return new StepLogFeatureState(spec, header, log);
  }

  /** The live header; encode it after every sample to persist the state. */
  public StateHeader header() {
    return header;
  }

  /** The step log this state writes to. */
  public StepLog stepLog() {
    return log;
  }

  /** The spec this state computes. */
  public FeatureSpec spec() {
    return spec;
  }

  /** Feeds one sample; see the class documentation for the rules. */
  public FeatureUpdate accept(Sample sample) {
    return accept(sample, true);
  }

  /**
   * Feeds one sample like {@link #accept(Sample)}; with {@code withFeatures} false an emitted
   * window carries its times, segment samples and warm-up flag but no features ({@link
   * FeatureWindow#features()} is empty, length 0), which saves the T step-log reads of copying it
   * (one read remains, for the window's start time). State and outcome are the same either way.
   */
  public FeatureUpdate accept(Sample sample, boolean withFeatures) {
    if (!Quantizer.isQuantizable(sample.voltage())
        || !Quantizer.isQuantizable(sample.current())
        || !Quantizer.isQuantizable(sample.temperature())) {
      header.invalid++;
      return new FeatureUpdate(SampleOutcome.INVALID, null);
    }
    long t = sample.timestampMs();
    SampleOutcome outcome = SampleOutcome.ACCEPTED;
    if (!header.isEmpty()) {
      if (t == header.lastTimestampMs) {
        header.duplicates++;
        return new FeatureUpdate(SampleOutcome.DUPLICATE, null);
      }
      if (t < header.lastTimestampMs) {
        header.outOfOrder++;
        return new FeatureUpdate(SampleOutcome.OUT_OF_ORDER, null);
      }
      // t > last, so a negative difference can only be overflow: an absurd span, also a gap.
      long gap = t - header.lastTimestampMs;
      if (gap > spec.maxGapMs() || gap < 0) {
        outcome = SampleOutcome.ACCEPTED_AFTER_GAP;
        header.gapRestarts++;
      }
    }
    if (header.isEmpty() || outcome == SampleOutcome.ACCEPTED_AFTER_GAP) {
      startSegment(t);
    }
    append(sample, t);
    header.lastTimestampMs = t;
    header.accepted++;
    FeatureWindow window = null;
    if (header.segmentSamples() >= header.windowLength) {
      window = withFeatures ? window() : windowWithoutFeatures();
    }
    return new FeatureUpdate(outcome, window);
  }

  private void startSegment(long t) {
    for (long seq = header.oldestRetainedSeq; seq < header.nextSeq; seq++) {
      log.delete(seq);
    }
    header.segmentStartMs = t;
    header.segmentStartSeq = header.nextSeq;
    header.oldestRetainedSeq = header.nextSeq;
    for (int h = 0; h < horizonMs.length; h++) {
      header.sumVoltage[h] = 0;
      header.sumCurrent[h] = 0;
      header.horizonStartSeq[h] = header.nextSeq;
    }
  }

  private void append(Sample sample, long t) {
    long seq = header.nextSeq;
    int v = Quantizer.quantize(sample.voltage());
    int i = Quantizer.quantize(sample.current());
    int temp = Quantizer.quantize(sample.temperature());
    float[] means = new float[2 * horizonMs.length];
    long oldestNeeded = seq - header.windowLength + 1;
    for (int h = 0; h < horizonMs.length; h++) {
      long start = header.horizonStartSeq[h];
      // Evict steps at or before t - h: the horizon is the half-open interval (t - h, t].
      while (start < seq) {
        StepRecord oldest = log.get(start);
        if (oldest.timestampMs() > t - horizonMs[h]) {
          break;
        }
        header.sumVoltage[h] -= oldest.voltage();
        header.sumCurrent[h] -= oldest.current();
        start++;
      }
      header.horizonStartSeq[h] = start;
      header.sumVoltage[h] += v;
      header.sumCurrent[h] += i;
      long n = seq - start + 1;
      means[2 * h] = Quantizer.meanFeature(header.sumVoltage[h], n);
      means[2 * h + 1] = Quantizer.meanFeature(header.sumCurrent[h], n);
      oldestNeeded = Math.min(oldestNeeded, start);
    }
    log.put(seq, new StepRecord(t, v, i, temp, means));
    header.nextSeq = seq + 1;
    oldestNeeded = Math.max(oldestNeeded, header.segmentStartSeq);
    for (long s = header.oldestRetainedSeq; s < oldestNeeded; s++) {
      log.delete(s);
    }
    header.oldestRetainedSeq = Math.max(header.oldestRetainedSeq, oldestNeeded);
  }

  private static final float[][] NO_FEATURES = new float[0][];

  private FeatureWindow windowWithoutFeatures() {
    long startTs = log.get(header.nextSeq - header.windowLength).timestampMs();
    long end = header.lastTimestampMs;
    boolean warmingUp = end - header.segmentStartMs < spec.longestHorizonMs();
    return new FeatureWindow(startTs, end, header.segmentSamples(), warmingUp, NO_FEATURES);
  }

  private FeatureWindow window() {
    int length = header.windowLength;
    long first = header.nextSeq - length;
    float[][] features = new float[length][featureCount];
    long startTs = 0;
    for (int k = 0; k < length; k++) {
      StepRecord step = log.get(first + k);
      if (k == 0) {
        startTs = step.timestampMs();
      }
      step.writeFeatures(features[k]);
    }
    long end = header.lastTimestampMs;
    boolean warmingUp = end - header.segmentStartMs < spec.longestHorizonMs();
    return new FeatureWindow(startTs, end, header.segmentSamples(), warmingUp, features);
  }
}
