package io.socstream.core.features;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes, for a whole recording at once, exactly the windows that {@link BatteryFeatureState}
 * emits when fed the same samples one by one (same rules, same {@link Quantizer} arithmetic).
 *
 * <p>It is a deliberately independent implementation, so that each path checks the other: it
 * filters the samples by the acceptance rules, takes prefix sums of the quantised values and finds
 * each horizon's first sample with a two-pointer scan (the first sample of the horizon's oldest
 * block in features v2; the first sample after {@code t - h} for legacy v1 specs, which only this
 * offline path still computes), instead of maintaining block sums. The per-step feature rows of one
 * recording are computed once; a window is then a contiguous slice of T rows.
 */
public final class BatchFeatureExtractor {

  private BatchFeatureExtractor() {}

  /** All windows of {@code samples}, in order, each with the index of the sample it ends at. */
  public static List<BatchWindow> windows(List<Sample> samples, FeatureSpec spec) {
    Steps steps = Steps.compute(samples, spec);
    int length = spec.windowLength();
    int f = spec.featureCount();
    List<BatchWindow> out = new ArrayList<>(Math.max(0, steps.count - length + 1));
    for (int p = 0; p < steps.count; p++) {
      if (!steps.hasWindow(p, length)) {
        continue;
      }
      float[][] features = new float[length][f];
      int first = p - length + 1;
      for (int k = 0; k < length; k++) {
        System.arraycopy(steps.rows, (first + k) * f, features[k], 0, f);
      }
      FeatureWindow window =
          new FeatureWindow(
              steps.timestamps[first],
              steps.timestamps[p],
              p - steps.segmentStart[p] + 1,
              steps.warmingUp(p, spec.longestHorizonMs()),
              features);
      out.add(new BatchWindow(steps.sampleIndex[p], window));
    }
    return out;
  }

  /**
   * All windows of {@code samples} as one flat block with their targets, for training.
   *
   * @param labels one label per sample (e.g. SOC); windows whose newest sample's label is NaN are
   *     left out
   * @param includeWarmingUp whether to keep windows whose longest mean is not yet full
   */
  public static WindowBlock extract(
      List<Sample> samples, double[] labels, FeatureSpec spec, boolean includeWarmingUp) {
    if (labels.length != samples.size()) {
      throw new IllegalArgumentException(
          "labels: " + labels.length + " values for " + samples.size() + " samples");
    }
    Steps steps = Steps.compute(samples, spec);
    int length = spec.windowLength();
    int size = length * spec.featureCount();
    long horizon = spec.longestHorizonMs();
    int count = 0;
    for (int p = 0; p < steps.count; p++) {
      if (keep(steps, p, length, labels, horizon, includeWarmingUp)) {
        count++;
      }
    }
    float[] features = new float[Math.multiplyExact(count, size)];
    float[] targets = new float[count];
    int[] index = new int[count];
    int w = 0;
    for (int p = 0; p < steps.count; p++) {
      if (keep(steps, p, length, labels, horizon, includeWarmingUp)) {
        System.arraycopy(
            steps.rows, (p - length + 1) * spec.featureCount(), features, w * size, size);
        targets[w] = (float) labels[steps.sampleIndex[p]];
        index[w] = steps.sampleIndex[p];
        w++;
      }
    }
    return new WindowBlock(length, spec.featureCount(), count, features, targets, index);
  }

  private static boolean keep(
      Steps steps, int p, int length, double[] labels, long horizon, boolean includeWarmingUp) {
    return steps.hasWindow(p, length)
        && !Double.isNaN(labels[steps.sampleIndex[p]])
        && (includeWarmingUp || !steps.warmingUp(p, horizon));
  }

  /** The accepted samples of a recording and their feature rows. */
  private static final class Steps {
    int count;
    int[] sampleIndex;
    long[] timestamps;
    int[] segmentStart;
    float[] rows;

    boolean hasWindow(int p, int length) {
      return p - segmentStart[p] + 1 >= length;
    }

    boolean warmingUp(int p, long longestHorizonMs) {
      return timestamps[p] - timestamps[segmentStart[p]] < longestHorizonMs;
    }

    static Steps compute(List<Sample> samples, FeatureSpec spec) {
      int n = samples.size();
      Steps s = new Steps();
      s.sampleIndex = new int[n];
      s.timestamps = new long[n];
      s.segmentStart = new int[n];
      int[] voltage = new int[n];
      int[] current = new int[n];
      int[] temperature = new int[n];
      // Prefix sums over accepted positions; segment bounds keep the horizons apart.
      long[] prefixVoltage = new long[n + 1];
      long[] prefixCurrent = new long[n + 1];
      int m = 0;
      int segment = 0;
      long last = 0;
      for (int idx = 0; idx < n; idx++) {
        Sample sample = samples.get(idx);
        if (!Quantizer.isQuantizable(sample.voltage())
            || !Quantizer.isQuantizable(sample.current())
            || !Quantizer.isQuantizable(sample.temperature())) {
          continue;
        }
        long t = sample.timestampMs();
        if (m > 0 && t <= last) {
          continue; // duplicate or out of order
        }
        if (m == 0 || t - last > spec.maxGapMs() || t - last < 0) {
          segment = m;
        }
        s.sampleIndex[m] = idx;
        s.timestamps[m] = t;
        s.segmentStart[m] = segment;
        voltage[m] = Quantizer.quantize(sample.voltage());
        current[m] = Quantizer.quantize(sample.current());
        temperature[m] = Quantizer.quantize(sample.temperature());
        prefixVoltage[m + 1] = prefixVoltage[m] + voltage[m];
        prefixCurrent[m + 1] = prefixCurrent[m] + current[m];
        last = t;
        m++;
      }
      s.count = m;
      int f = spec.featureCount();
      s.rows = new float[Math.multiplyExact(m, f)];
      for (int p = 0; p < m; p++) {
        s.rows[p * f] = Quantizer.toFeature(voltage[p]);
        s.rows[p * f + 1] = Quantizer.toFeature(current[p]);
        s.rows[p * f + 2] = Quantizer.toFeature(temperature[p]);
      }
      List<Integer> horizons = spec.averagingHorizonsSeconds();
      for (int h = 0; h < horizons.size(); h++) {
        int column = 3 + 2 * h;
        int lo = 0;
        for (int p = 0; p < m; p++) {
          lo = Math.max(lo, s.segmentStart[p]);
          if (spec.usesBlocks()) {
            // v2: the samples of the blocks k(t) - n + 1 .. k(t), k(t) = floorDiv(t, B).
            long oldestBlock =
                Math.floorDiv(s.timestamps[p], spec.blockMs()) - spec.blocksOf(horizons.get(h)) + 1;
            while (Math.floorDiv(s.timestamps[lo], spec.blockMs()) < oldestBlock) {
              lo++;
            }
          } else {
            // Legacy v1: the samples of (t - h, t].
            long horizonMs = 1000L * horizons.get(h);
            while (s.timestamps[lo] <= s.timestamps[p] - horizonMs) {
              lo++;
            }
          }
          long covered = (long) p - lo + 1;
          s.rows[p * f + column] =
              Quantizer.meanFeature(prefixVoltage[p + 1] - prefixVoltage[lo], covered);
          s.rows[p * f + column + 1] =
              Quantizer.meanFeature(prefixCurrent[p + 1] - prefixCurrent[lo], covered);
        }
      }
      if (spec.deltaTimeFeature()) {
        int column = f - 1;
        for (int p = 0; p < m; p++) {
          s.rows[p * f + column] =
              p == s.segmentStart[p]
                  ? 0f
                  : Quantizer.deltaFeature(s.timestamps[p] - s.timestamps[p - 1]);
        }
      }
      return s;
    }
  }
}
