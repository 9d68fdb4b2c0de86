package io.socstream.core.features;

import java.nio.ByteBuffer;

/**
 * One battery's whole feature pipeline state (features v2), fixed-size and self-contained: fed one
 * {@link Sample} at a time, it emits a {@link FeatureWindow} per accepted sample once the segment
 * is T samples long. Its bytes ({@link #encode}) have the same length, {@link #encodedSize},
 * whatever the rate or the history: about 2 KB for the shipped spec (T = 30, 500 s in 10 s blocks,
 * Δt).
 *
 * <h2>Rules</h2>
 *
 * <ol>
 *   <li><b>Validity.</b> A sample whose voltage, current or temperature is not finite or not {@link
 *       Quantizer#isQuantizable quantisable} is dropped: {@link SampleOutcome#INVALID}.
 *   <li><b>Order.</b> Let {@code last} be the timestamp of the last accepted sample. A sample with
 *       {@code t == last} is dropped as {@link SampleOutcome#DUPLICATE}; {@code t < last} as {@link
 *       SampleOutcome#OUT_OF_ORDER}. Accepted steps are final, so the windows depend only on the
 *       accepted sequence.
 *   <li><b>Segments.</b> If {@code t - last > maxGapMs} the segment ends and a new one starts with
 *       this sample ({@link SampleOutcome#ACCEPTED_AFTER_GAP}): blocks and steps reset, warm-up
 *       begins again. Otherwise the sample is {@link SampleOutcome#ACCEPTED}.
 *   <li><b>Blocks.</b> Time is cut into blocks of {@code B = blockSeconds} aligned to absolute time
 *       (epoch): block {@code k(t) = floorDiv(t, B)}. Each block keeps exact {@code long} sums of
 *       the quantised voltage and current of the segment's accepted samples in it, and their count.
 *   <li><b>Rolling means.</b> For a horizon {@code h} ({@code n = h / B} blocks) the mean at a
 *       sample at {@code t} covers the segment's accepted samples whose block is one of the {@code
 *       n} blocks {@code k(t) - n + 1 .. k(t)}: the current, partial block (the sample itself
 *       included) and the {@code n - 1} full blocks before it, so it spans between {@code h - B}
 *       and {@code h} of history. It is a per-sample mean ({@code sum / count}), not time-weighted:
 *       the same as the legacy per-sample means at a regular rate, and unbiased by jitter as long
 *       as the jitter is independent of the load.
 *   <li><b>Δt</b> (when {@link FeatureSpec#deltaTimeFeature()} is on): seconds since the previous
 *       accepted sample of the segment, 0 for the segment's first sample. It tells the model the
 *       rate: at 1 Hz the last T steps cover 30 s, at 0.1 Hz five minutes, and the same change of
 *       voltage between two steps means a different current pulse.
 *   <li><b>Arithmetic.</b> Quantised counts ({@link Quantizer}); a mean is {@link
 *       Quantizer#meanFeature}, Δt {@link Quantizer#deltaFeature}. {@link BatchFeatureExtractor}
 *       uses the same arithmetic over prefix sums, so both paths agree bit for bit.
 *   <li><b>Windows.</b> Once the segment has at least T samples, every accepted sample emits the
 *       window of the last T steps, the newest last; {@code warmingUp} is {@code t - segmentStart <
 *       longest horizon}. Dropped samples and the first T-1 samples of a segment emit none.
 * </ol>
 *
 * <h2>Why blocks</h2>
 *
 * Exact sliding means over {@code (t - h, t]} need every sample of the horizon (500 at 1 Hz: the
 * legacy step log, ~25 KB per battery in the stream). Block sums need {@code h / B} fixed slots
 * whatever the rate, and their means differ from the exact ones only by the partial block at the
 * old end (at most {@code B} of {@code h}: 2 % for 10 s of 500 s). The per-step features of the
 * last T steps are kept as computed, since older steps' means cannot be recomputed from the blocks.
 *
 * <h2>Bytes</h2>
 *
 * {@code version(1) T(4) blocks(4) horizons(4)}, nine {@code long}s (counters, timestamps, segment
 * length, newest block), per block {@code sumV(8) sumI(8) count(4)}, per step {@code t(8) V(4) I(4)
 * T(4)}, {@code 4} per mean, and {@code 4} for Δt when on. Floats are stored as their raw bits, so
 * a decoded state continues bit for bit.
 *
 * <p>Not thread-safe: one instance per battery, used by one thread.
 */
public final class BatteryFeatureState {

  private static final byte VERSION = 2;
  private static final int PREAMBLE = 1 + 3 * Integer.BYTES;
  private static final int SCALARS = 9 * Long.BYTES;
  private static final int BLOCK_BYTES = 2 * Long.BYTES + Integer.BYTES;

  private final FeatureSpec spec;
  private final int windowLength;
  private final int blockCount;
  private final int meanCount;
  private final int[] horizonBlocks;

  private long accepted;
  private long duplicates;
  private long outOfOrder;
  private long gapRestarts;
  private long invalid;
  private long lastTimestampMs = Long.MIN_VALUE;
  private long segmentStartMs;
  private long segmentSamples;
  private long newestBlock;

  private final long[] blockSumVoltage;
  private final long[] blockSumCurrent;
  private final int[] blockSamples;

  // The last T steps, a ring indexed by (segment position mod T).
  private final long[] stepTimestamp;
  private final int[] stepVoltage;
  private final int[] stepCurrent;
  private final int[] stepTemperature;
  private final float[] stepMeans;
  private final float[] stepDelta;

  private BatteryFeatureState(FeatureSpec spec) {
    if (!spec.usesBlocks()) {
      throw new IllegalArgumentException(
          "BatteryFeatureState computes block means (features v2); "
              + spec
              + " has blockSeconds 0 (legacy per-sample means)");
    }
    this.spec = spec;
    this.windowLength = spec.windowLength();
    this.blockCount = spec.blockCount();
    this.meanCount = spec.meanCount();
    this.horizonBlocks =
        spec.averagingHorizonsSeconds().stream().mapToInt(spec::blocksOf).toArray();
    this.blockSumVoltage = new long[blockCount];
    this.blockSumCurrent = new long[blockCount];
    this.blockSamples = new int[blockCount];
    this.stepTimestamp = new long[windowLength];
    this.stepVoltage = new int[windowLength];
    this.stepCurrent = new int[windowLength];
    this.stepTemperature = new int[windowLength];
    this.stepMeans = new float[windowLength * meanCount];
    this.stepDelta = new float[spec.deltaTimeFeature() ? windowLength : 0];
  }

  /**
   * A battery that has not sent a sample yet.
   *
   * @throws IllegalArgumentException for a legacy spec without blocks
   */
  public static BatteryFeatureState fresh(FeatureSpec spec) {
    return new BatteryFeatureState(spec);
  }

  /** Bytes of {@link #encode}: a constant per spec. */
  public static int encodedSize(FeatureSpec spec) {
    int perStep =
        Long.BYTES
            + 3 * Integer.BYTES
            + Float.BYTES * spec.meanCount()
            + (spec.deltaTimeFeature() ? Float.BYTES : 0);
    return PREAMBLE + SCALARS + BLOCK_BYTES * spec.blockCount() + perStep * spec.windowLength();
  }

  /**
   * Reads a state written by {@link #encode} for the same spec: exactly {@link #encodedSize} bytes.
   *
   * @throws IllegalArgumentException when the bytes were written for another window length, block
   *     ring or number of horizons, or by another format version
   */
  public static BatteryFeatureState decode(FeatureSpec spec, ByteBuffer in) {
    BatteryFeatureState s = new BatteryFeatureState(spec);
    byte version = in.get();
    int t = in.getInt();
    int blocks = in.getInt();
    int horizons = in.getInt();
    if (version != VERSION
        || t != s.windowLength
        || blocks != s.blockCount
        || horizons != spec.averagingHorizonsSeconds().size()) {
      throw new IllegalArgumentException(
          "feature state (version "
              + version
              + ", T="
              + t
              + ", blocks="
              + blocks
              + ", horizons="
              + horizons
              + ") was written for another feature spec than "
              + spec);
    }
    s.accepted = in.getLong();
    s.duplicates = in.getLong();
    s.outOfOrder = in.getLong();
    s.gapRestarts = in.getLong();
    s.invalid = in.getLong();
    s.lastTimestampMs = in.getLong();
    s.segmentStartMs = in.getLong();
    s.segmentSamples = in.getLong();
    s.newestBlock = in.getLong();
    for (int b = 0; b < s.blockCount; b++) {
      s.blockSumVoltage[b] = in.getLong();
      s.blockSumCurrent[b] = in.getLong();
      s.blockSamples[b] = in.getInt();
    }
    for (int k = 0; k < s.windowLength; k++) {
      s.stepTimestamp[k] = in.getLong();
      s.stepVoltage[k] = in.getInt();
      s.stepCurrent[k] = in.getInt();
      s.stepTemperature[k] = in.getInt();
      for (int m = 0; m < s.meanCount; m++) {
        s.stepMeans[k * s.meanCount + m] = Float.intBitsToFloat(in.getInt());
      }
      if (s.stepDelta.length > 0) {
        s.stepDelta[k] = Float.intBitsToFloat(in.getInt());
      }
    }
    return s;
  }

  /** Writes exactly {@link #encodedSize} bytes. */
  public void encode(ByteBuffer out) {
    out.put(VERSION);
    out.putInt(windowLength);
    out.putInt(blockCount);
    out.putInt(spec.averagingHorizonsSeconds().size());
    out.putLong(accepted);
    out.putLong(duplicates);
    out.putLong(outOfOrder);
    out.putLong(gapRestarts);
    out.putLong(invalid);
    out.putLong(lastTimestampMs);
    out.putLong(segmentStartMs);
    out.putLong(segmentSamples);
    out.putLong(newestBlock);
    for (int b = 0; b < blockCount; b++) {
      out.putLong(blockSumVoltage[b]);
      out.putLong(blockSumCurrent[b]);
      out.putInt(blockSamples[b]);
    }
    for (int k = 0; k < windowLength; k++) {
      out.putLong(stepTimestamp[k]);
      out.putInt(stepVoltage[k]);
      out.putInt(stepCurrent[k]);
      out.putInt(stepTemperature[k]);
      for (int m = 0; m < meanCount; m++) {
        out.putInt(Float.floatToRawIntBits(stepMeans[k * meanCount + m]));
      }
      if (stepDelta.length > 0) {
        out.putInt(Float.floatToRawIntBits(stepDelta[k]));
      }
    }
  }

  /** The spec this state computes. */
  public FeatureSpec spec() {
    return spec;
  }

  /** Whether no sample has been accepted yet. */
  public boolean isEmpty() {
    return accepted == 0;
  }

  /** Timestamp of the last accepted sample, {@link Long#MIN_VALUE} when none. */
  public long lastTimestampMs() {
    return lastTimestampMs;
  }

  /**
   * Milliseconds between the two newest accepted samples of the current segment: the battery's
   * recent cadence; 0 while the segment has fewer than two samples (or T is 1).
   */
  public long lastIntervalMs() {
    if (segmentSamples < 2 || windowLength < 2) {
      return 0L;
    }
    int newest = (int) ((segmentSamples - 1) % windowLength);
    int previous = (int) ((segmentSamples - 2) % windowLength);
    return stepTimestamp[newest] - stepTimestamp[previous];
  }

  /** Timestamp of the first sample of the current segment (undefined while empty). */
  public long segmentStartMs() {
    return segmentStartMs;
  }

  /** Accepted samples in the current segment. */
  public long segmentSamples() {
    return segmentSamples;
  }

  /** Samples accepted in total (all segments). */
  public long acceptedCount() {
    return accepted;
  }

  /** Samples dropped as duplicates. */
  public long duplicateCount() {
    return duplicates;
  }

  /** Samples dropped as out of order. */
  public long outOfOrderCount() {
    return outOfOrder;
  }

  /** Segments restarted after a gap. */
  public long gapRestartCount() {
    return gapRestarts;
  }

  /** Samples dropped as invalid. */
  public long invalidCount() {
    return invalid;
  }

  /** Feeds one sample; see the class documentation for the rules. */
  public FeatureUpdate accept(Sample sample) {
    if (!Quantizer.isQuantizable(sample.voltage())
        || !Quantizer.isQuantizable(sample.current())
        || !Quantizer.isQuantizable(sample.temperature())) {
      invalid++;
      return new FeatureUpdate(SampleOutcome.INVALID, null);
    }
    long t = sample.timestampMs();
    SampleOutcome outcome = SampleOutcome.ACCEPTED;
    if (!isEmpty()) {
      if (t == lastTimestampMs) {
        duplicates++;
        return new FeatureUpdate(SampleOutcome.DUPLICATE, null);
      }
      if (t < lastTimestampMs) {
        outOfOrder++;
        return new FeatureUpdate(SampleOutcome.OUT_OF_ORDER, null);
      }
      // t > last, so a negative difference can only be overflow: an absurd span, also a gap.
      long gap = t - lastTimestampMs;
      if (gap > spec.maxGapMs() || gap < 0) {
        outcome = SampleOutcome.ACCEPTED_AFTER_GAP;
        gapRestarts++;
      }
    }
    if (isEmpty() || outcome == SampleOutcome.ACCEPTED_AFTER_GAP) {
      startSegment(t);
    }
    append(sample, t);
    lastTimestampMs = t;
    accepted++;
    return new FeatureUpdate(outcome, currentWindow());
  }

  private void startSegment(long t) {
    segmentStartMs = t;
    segmentSamples = 0;
    java.util.Arrays.fill(blockSumVoltage, 0L);
    java.util.Arrays.fill(blockSumCurrent, 0L);
    java.util.Arrays.fill(blockSamples, 0);
    newestBlock = Math.floorDiv(t, spec.blockMs());
  }

  private void append(Sample sample, long t) {
    int v = Quantizer.quantize(sample.voltage());
    int i = Quantizer.quantize(sample.current());
    int at = (int) (segmentSamples % windowLength);
    stepTimestamp[at] = t;
    stepVoltage[at] = v;
    stepCurrent[at] = i;
    stepTemperature[at] = Quantizer.quantize(sample.temperature());
    if (stepDelta.length > 0) {
      stepDelta[at] = segmentSamples == 0 ? 0f : Quantizer.deltaFeature(t - lastTimestampMs);
    }
    if (blockCount > 0) {
      long block = Math.floorDiv(t, spec.blockMs());
      advanceTo(block);
      int slot = (int) Math.floorMod(block, (long) blockCount);
      blockSumVoltage[slot] += v;
      blockSumCurrent[slot] += i;
      blockSamples[slot]++;
      for (int h = 0; h < horizonBlocks.length; h++) {
        long sumV = 0;
        long sumI = 0;
        long n = 0;
        for (long b = block - horizonBlocks[h] + 1; b <= block; b++) {
          int s = (int) Math.floorMod(b, (long) blockCount);
          sumV += blockSumVoltage[s];
          sumI += blockSumCurrent[s];
          n += blockSamples[s];
        }
        stepMeans[at * meanCount + 2 * h] = Quantizer.meanFeature(sumV, n);
        stepMeans[at * meanCount + 2 * h + 1] = Quantizer.meanFeature(sumI, n);
      }
    }
    segmentSamples++;
  }

  /** Empties the slots of the blocks after the newest one up to {@code block}. */
  private void advanceTo(long block) {
    if (block <= newestBlock) {
      return;
    }
    long first = Math.max(newestBlock + 1, block - blockCount + 1);
    for (long b = first; b <= block; b++) {
      int s = (int) Math.floorMod(b, (long) blockCount);
      blockSumVoltage[s] = 0;
      blockSumCurrent[s] = 0;
      blockSamples[s] = 0;
    }
    newestBlock = block;
  }

  /**
   * The window ending at the newest accepted sample, or {@code null} when the current segment has
   * fewer than T samples (or none). A fresh copy each call.
   */
  public FeatureWindow currentWindow() {
    if (isEmpty() || segmentSamples < windowLength) {
      return null;
    }
    int featureCount = spec.featureCount();
    float[][] features = new float[windowLength][featureCount];
    long first = segmentSamples - windowLength;
    for (int k = 0; k < windowLength; k++) {
      int at = (int) ((first + k) % windowLength);
      float[] row = features[k];
      row[0] = Quantizer.toFeature(stepVoltage[at]);
      row[1] = Quantizer.toFeature(stepCurrent[at]);
      row[2] = Quantizer.toFeature(stepTemperature[at]);
      System.arraycopy(stepMeans, at * meanCount, row, 3, meanCount);
      if (stepDelta.length > 0) {
        row[3 + meanCount] = stepDelta[at];
      }
    }
    long start = stepTimestamp[(int) (first % windowLength)];
    boolean warmingUp = lastTimestampMs - segmentStartMs < spec.longestHorizonMs();
    return new FeatureWindow(start, lastTimestampMs, segmentSamples, warmingUp, features);
  }
}
