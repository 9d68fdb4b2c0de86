package io.socstream.export.prepare;

import io.socstream.core.features.WindowBlock;
import java.util.List;

/** Joins the window blocks of several recordings into one. */
public final class WindowBlocks {

  private WindowBlocks() {}

  /**
   * The blocks' windows in order. Sample indices stay those of each block's own recording.
   *
   * @throws IllegalArgumentException when the blocks differ in shape or there are none
   */
  public static WindowBlock concat(List<WindowBlock> blocks) {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("no blocks to join");
    }
    int length = blocks.get(0).windowLength();
    int features = blocks.get(0).featureCount();
    int count = 0;
    for (WindowBlock block : blocks) {
      if (block.windowLength() != length || block.featureCount() != features) {
        throw new IllegalArgumentException(
            "window shapes differ: "
                + length
                + "x"
                + features
                + " and "
                + block.windowLength()
                + "x"
                + block.featureCount());
      }
      count = Math.addExact(count, block.count());
    }
    int size = length * features;
    float[] values = new float[Math.multiplyExact(count, size)];
    float[] targets = new float[count];
    int[] index = new int[count];
    int at = 0;
    for (WindowBlock block : blocks) {
      System.arraycopy(block.features(), 0, values, at * size, block.count() * size);
      System.arraycopy(block.targets(), 0, targets, at, block.count());
      System.arraycopy(block.sampleIndex(), 0, index, at, block.count());
      at += block.count();
    }
    return new WindowBlock(length, features, count, values, targets, index);
  }
}
