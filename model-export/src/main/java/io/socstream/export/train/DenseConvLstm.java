package io.socstream.export.train;

/**
 * Rewrites a ConvLSTM layer's 1 x k SAME convolutions over a 1 x W image as dense matrices.
 *
 * <p>Why: the image is tiny (W is the number of features, or 1), so a {@code Conv2D} per step costs
 * mostly its per-op overhead and im2col copies. The same linear map, written once as a W·Cin x
 * 4·W·F matrix (zero where the kernel does not reach), is one {@code MatMul} per step. The result
 * is the same function up to float rounding.
 *
 * <p>Layouts: a state or input row is flattened position-major ({@code [position][channel]}, i.e.
 * the row-major order of {@code [1, W, C]}); the gate output is gate-major ({@code
 * [gate][position][filter]}), so splitting it into four equal parts gives each gate already in the
 * state's layout.
 */
final class DenseConvLstm {

  private DenseConvLstm() {}

  /**
   * The dense form of a {@code [1, k, cin, 4 * filters]} SAME convolution over {@code width}
   * positions.
   *
   * @return row-major {@code [width * cin, GATES * width * filters]}
   */
  static float[] kernelMatrix(float[] kernel, int k, int cin, int filters, int width) {
    int gateChannels = ModelLayout.GATES * filters;
    if (kernel.length != k * cin * gateChannels) {
      throw new IllegalArgumentException(
          "kernel has " + kernel.length + " values, expected " + k * cin * gateChannels);
    }
    // TensorFlow's SAME padding puts the smaller half on the left: (k - 1) / 2.
    int padLeft = (k - 1) / 2;
    int columns = ModelLayout.GATES * width * filters;
    float[] matrix = new float[width * cin * columns];
    for (int source = 0; source < width; source++) {
      for (int target = 0; target < width; target++) {
        int tap = source - target + padLeft;
        if (tap < 0 || tap >= k) {
          continue;
        }
        for (int c = 0; c < cin; c++) {
          int row = source * cin + c;
          for (int gate = 0; gate < ModelLayout.GATES; gate++) {
            for (int f = 0; f < filters; f++) {
              int kernelIndex = (tap * cin + c) * gateChannels + gate * filters + f;
              int column = (gate * width + target) * filters + f;
              matrix[row * columns + column] = kernel[kernelIndex];
            }
          }
        }
      }
    }
    return matrix;
  }

  /** The gate bias ({@code [4 * filters]}) repeated at every position, in the gate-major layout. */
  static float[] biasVector(float[] bias, int filters, int width) {
    float[] tiled = new float[ModelLayout.GATES * width * filters];
    for (int gate = 0; gate < ModelLayout.GATES; gate++) {
      for (int position = 0; position < width; position++) {
        System.arraycopy(bias, gate * filters, tiled, (gate * width + position) * filters, filters);
      }
    }
    return tiled;
  }
}
