package io.socstream.export.train;

/**
 * Windows and their SOC targets as flat arrays, as the feature pipeline hands them over.
 *
 * @param windows {@code count * windowLength * featureCount} normalised floats, row-major
 *     [window][step][feature]
 * @param targets {@code count} SOC targets in [0, 1]
 * @param windowLength steps per window (T)
 * @param featureCount features per step (F)
 */
public record WindowDataset(float[] windows, float[] targets, int windowLength, int featureCount) {

  public WindowDataset {
    if (windowLength < 1 || featureCount < 1) {
      throw new IllegalArgumentException("windowLength and featureCount must be >= 1");
    }
    if (targets.length == 0) {
      throw new IllegalArgumentException("no windows");
    }
    if ((long) targets.length * windowLength * featureCount != windows.length) {
      throw new IllegalArgumentException(
          "windows holds "
              + windows.length
              + " floats, expected "
              + targets.length
              + " x "
              + windowLength
              + " x "
              + featureCount);
    }
  }

  /** Number of windows. */
  public int count() {
    return targets.length;
  }

  /** Floats per window (T * F). */
  public int windowSize() {
    return windowLength * featureCount;
  }

  /**
   * Copies the windows {@code order[from..to)} into the front of the batch buffers.
   *
   * @return the number of windows copied
   */
  int gather(int[] order, int from, int to, float[] batchWindows, float[] batchTargets) {
    int size = windowSize();
    for (int i = from; i < to; i++) {
      int window = order[i];
      System.arraycopy(windows, window * size, batchWindows, (i - from) * size, size);
      batchTargets[i - from] = targets[window];
    }
    return to - from;
  }
}
