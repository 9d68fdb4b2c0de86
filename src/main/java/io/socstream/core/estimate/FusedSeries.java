package io.socstream.core.estimate;

import io.socstream.core.inference.SocSeries;

/**
 * A recording's estimates, one per window in time order, fused and the model's own.
 *
 * @param name the recording's name
 * @param sampleIndex index of each window's newest sample in the recording
 * @param timestampMs time of that sample, epoch milliseconds
 * @param truth the recording's SOC label there, NaN where it has none
 * @param soc the fused SOC, in [0, 1]
 * @param modelSoc the model's SOC, clamped to [0, 1]
 * @param warmingUp whether the window was warming up
 */
public record FusedSeries(
    String name,
    int[] sampleIndex,
    long[] timestampMs,
    double[] truth,
    double[] soc,
    double[] modelSoc,
    boolean[] warmingUp) {

  public FusedSeries {
    int n = sampleIndex.length;
    if (timestampMs.length != n
        || truth.length != n
        || soc.length != n
        || modelSoc.length != n
        || warmingUp.length != n) {
      throw new IllegalArgumentException(name + ": arrays of different lengths");
    }
  }

  /** Number of estimates. */
  public int size() {
    return sampleIndex.length;
  }

  /** The fused estimates as a series. */
  public SocSeries fused() {
    return new SocSeries(name, timestampMs, truth, soc);
  }

  /** The model's own estimates as a series. */
  public SocSeries model() {
    return new SocSeries(name, timestampMs, truth, modelSoc);
  }
}
