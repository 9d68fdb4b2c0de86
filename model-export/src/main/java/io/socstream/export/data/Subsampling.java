package io.socstream.export.data;

import io.socstream.core.data.RecordedCycle;
import io.socstream.core.features.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Thins a recording to the rate a fleet's telematics would send: one sample about every {@code
 * periodSeconds}, each interval drawn uniformly from {@code period ± jitter} (seeded, so the same
 * arguments always keep the same rows).
 *
 * <p>Rule: target times start at the first sample and step by {@code period + u}, {@code u} uniform
 * in {@code [-jitter, +jitter]} (rounded to milliseconds); for each target the first sample at or
 * after it is kept (targets already passed by a kept sample are skipped, e.g. in a logging gap).
 * Rows are kept unchanged (values and labels), as a sparse sender would report its latest reading;
 * nothing is interpolated. On the 1 Hz LG HG2 cycles the realised intervals are whole seconds, e.g.
 * 6 to 14 s for 10 ± 4 s, averaging the period. Used by {@code train} (rate augmentation) and by
 * {@code predict}/{@code evaluate} ({@code --period-s}, {@code --jitter-s}).
 *
 * @param periodSeconds mean interval, seconds; at most 1 on 1 Hz data keeps every row
 * @param jitterSeconds half-width of the uniform jitter, seconds, {@code 0 <= jitter < period}
 * @param seed seeds the jitter
 */
public record Subsampling(double periodSeconds, double jitterSeconds, long seed) {

  /** Seed of {@link #of(double, double)}: fixed, so evaluation runs are repeatable. */
  public static final long DEFAULT_SEED = 20261130L;

  public Subsampling {
    if (!(periodSeconds > 0) || !Double.isFinite(periodSeconds)) {
      throw new IllegalArgumentException("period must be positive seconds, was " + periodSeconds);
    }
    if (!(jitterSeconds >= 0) || jitterSeconds >= periodSeconds) {
      throw new IllegalArgumentException(
          "jitter must be >= 0 and less than the period ("
              + periodSeconds
              + " s), was "
              + jitterSeconds);
    }
  }

  /** Every {@code period} ± {@code jitter} seconds, with the default seed. */
  public static Subsampling of(double periodSeconds, double jitterSeconds) {
    return new Subsampling(periodSeconds, jitterSeconds, DEFAULT_SEED);
  }

  /** The positions of the kept samples, increasing. */
  public int[] keptIndices(List<Sample> samples) {
    Random random = new Random(seed);
    List<Integer> kept = new ArrayList<>();
    if (samples.isEmpty()) {
      return new int[0];
    }
    // Targets on their own clock, so the mean interval is the period whatever the data's phase.
    long target = samples.get(0).timestampMs();
    for (int k = 0; k < samples.size(); k++) {
      long t = samples.get(k).timestampMs();
      if (t >= target) {
        kept.add(k);
        while (target <= t) {
          double interval = periodSeconds + jitterSeconds * (2 * random.nextDouble() - 1);
          target += Math.round(1000 * interval);
        }
      }
    }
    return kept.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The thinned recording: kept samples with their labels. */
  public RecordedCycle apply(RecordedCycle cycle) {
    int[] kept = keptIndices(cycle.samples());
    List<Sample> samples = new ArrayList<>(kept.length);
    double[] soc = new double[kept.length];
    for (int k = 0; k < kept.length; k++) {
      samples.add(cycle.samples().get(kept[k]));
      soc[k] = cycle.soc()[kept[k]];
    }
    return new RecordedCycle(cycle.name(), samples, soc);
  }

  /** For logs and cards, e.g. {@code "10 s ± 3 s"}. */
  public String describe() {
    return fmt(periodSeconds) + " s ± " + fmt(jitterSeconds) + " s";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
