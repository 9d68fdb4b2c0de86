package io.socstream.core.data;

import io.socstream.core.features.BatchFeatureExtractor;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.PackLayout;
import io.socstream.core.features.Sample;
import io.socstream.core.features.WindowBlock;
import java.util.List;

/**
 * One recorded test of one cell, as read from a CSV file.
 *
 * @param name the file name without {@code .csv}, e.g. {@code 551_Mixed1_processed}
 * @param samples the rows in file order
 * @param soc the SOC label of each sample (fraction, 0..1), NaN where the file has none
 */
public record RecordedCycle(String name, List<Sample> samples, double[] soc) {

  public RecordedCycle {
    samples = List.copyOf(samples);
    if (soc.length != samples.size()) {
      throw new IllegalArgumentException(
          name + ": " + soc.length + " SOC labels for " + samples.size() + " samples");
    }
  }

  /** Number of samples. */
  public int size() {
    return samples.size();
  }

  /** This recording as one cell's, when it was recorded on a pack wired as {@code layout}. */
  public RecordedCycle toCell(PackLayout layout) {
    return layout.isCell() ? this : new RecordedCycle(name, layout.toCell(samples), soc);
  }

  /** This cell's recording scaled up to a pack wired as {@code layout} (balanced cells). */
  public RecordedCycle toPack(PackLayout layout) {
    return layout.isCell() ? this : new RecordedCycle(name, layout.toPack(samples), soc);
  }

  /**
   * The training windows of this cycle with their SOC targets; see {@link
   * BatchFeatureExtractor#extract}.
   */
  public WindowBlock windowBlock(FeatureSpec spec, boolean includeWarmingUp) {
    return BatchFeatureExtractor.extract(samples, soc, spec, includeWarmingUp);
  }
}
