package io.socstream.export.data;

import io.socstream.core.data.RecordedCycle;
import java.util.ArrayList;
import java.util.List;

/**
 * Training on every telemetry rate from 1 to 10 s: besides each 1 Hz cycle, one thinned copy per
 * period ({@link Subsampling}, jitter = {@code jitterFraction} × period), for training and
 * validation files alike (the validation MAE that picks the epoch then weighs every rate).
 *
 * <p>Why copies rather than resampling inside the pipeline: the stream must work on what the field
 * sends, and sparse, irregular samples are what the model must learn to read. The Δt feature tells
 * it the spacing of the steps; the 500 s block means keep their meaning at every rate. The shipped
 * periods 3, 6 and 10 s with 40 % jitter realise intervals of 2–5, 4–9 and 6–14 s on the 1 Hz data,
 * so with the 1 Hz original every interval from 1 to 14 s is seen; the copies add 1/3 + 1/6 + 1/10
 * = 0.6 windows per 1 Hz window (training time grows by that factor).
 *
 * @param periodsSeconds periods of the thinned copies; empty = off (1 Hz only)
 * @param jitterFraction jitter half-width as a fraction of the period, in [0, 1)
 */
public record RateAugmentation(List<Double> periodsSeconds, double jitterFraction) {

  /** The shipped model's augmentation. */
  public static final RateAugmentation SHIPPED = new RateAugmentation(List.of(3.0, 6.0, 10.0), 0.4);

  /** No copies: the 1 Hz cycles only. */
  public static final RateAugmentation OFF = new RateAugmentation(List.of(), 0);

  public RateAugmentation {
    periodsSeconds = List.copyOf(periodsSeconds);
    if (!(jitterFraction >= 0) || jitterFraction >= 1) {
      throw new IllegalArgumentException(
          "jitter fraction must be in [0, 1), was " + jitterFraction);
    }
    for (double p : periodsSeconds) {
      if (!(p > 1) || !Double.isFinite(p)) {
        throw new IllegalArgumentException(
            "augmentation periods must be > 1 s, were " + periodsSeconds);
      }
    }
  }

  /**
   * The cycle followed by its thinned copies; each copy's jitter is seeded by the cycle's name and
   * the period, so every run cuts the same copies.
   */
  public List<RecordedCycle> copies(RecordedCycle cycle) {
    List<RecordedCycle> out = new ArrayList<>(1 + periodsSeconds.size());
    out.add(cycle);
    for (double period : periodsSeconds) {
      long seed = 31L * cycle.name().hashCode() + Double.hashCode(period);
      out.add(new Subsampling(period, jitterFraction * period, seed).apply(cycle));
    }
    return out;
  }
}
