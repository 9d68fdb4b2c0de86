package io.socstream.export.train;

import java.util.SplittableRandom;

/** Synthetic windows whose target is a smooth function of the window mean of feature 0. */
final class SyntheticWindows {

  private SyntheticWindows() {}

  static WindowDataset generate(int count, int windowLength, int featureCount, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] windows = new float[count * windowLength * featureCount];
    float[] targets = new float[count];
    for (int window = 0; window < count; window++) {
      double level = random.nextDouble(-1.5, 1.5);
      double sum = 0;
      for (int step = 0; step < windowLength; step++) {
        for (int feature = 0; feature < featureCount; feature++) {
          double value =
              feature == 0 ? level + random.nextGaussian() * 0.1 : random.nextGaussian() * 0.5;
          windows[(window * windowLength + step) * featureCount + feature] = (float) value;
          if (feature == 0) {
            sum += value;
          }
        }
      }
      targets[window] = (float) (0.5 + 0.4 * Math.tanh(sum / windowLength));
    }
    return new WindowDataset(windows, targets, windowLength, featureCount);
  }

  /** A small, fast configuration for tests. */
  static ConvLstmConfig tinyConfig() {
    return new ConvLstmConfig(
        new Architecture(6, 3, 4, 3, 1, java.util.List.of(8, 4), InputLayout.WIDTH),
        new Regularisation(0.3f, 1e-4f, 0f, 0f),
        new Schedule(1e-3f, 32, 3, 3, 2, 0.5f, 1e-6f, Schedule.UNLIMITED),
        42L);
  }
}
