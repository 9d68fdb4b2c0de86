package io.socstream.core.inference;

/**
 * A model's SOC estimates over one recording, one per window, in time order, as {@link
 * SocEstimator} gives them. Error metrics of a series are model-export's business.
 *
 * @param name the recording's name, e.g. {@code 551_UDDS_processed}
 * @param timestampMs time of each window's newest sample, epoch milliseconds
 * @param truth the recording's SOC label at that sample, NaN where it has none
 * @param estimate the model's estimate, clamped to [0, 1]
 */
public record SocSeries(String name, long[] timestampMs, double[] truth, double[] estimate) {

  public SocSeries {
    if (timestampMs.length != truth.length || truth.length != estimate.length) {
      throw new IllegalArgumentException(
          name
              + ": "
              + timestampMs.length
              + " timestamps, "
              + truth.length
              + " true values, "
              + estimate.length
              + " estimates");
    }
  }

  /** Number of estimates. */
  public int size() {
    return estimate.length;
  }

  /** Whether every estimate has a true value to compare with. */
  public boolean fullyLabelled() {
    for (double t : truth) {
      if (Double.isNaN(t)) {
        return false;
      }
    }
    return true;
  }
}
