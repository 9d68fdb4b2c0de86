package io.socstream.export.train;

import java.util.Arrays;

/**
 * One trainable tensor of the model: its graph name, its shape and how it is initialised.
 *
 * @param name graph name of the variable, also the key of its values
 * @param shape dimensions
 * @param init how the initial values are drawn
 * @param fanIn inputs per output unit (Glorot)
 * @param fanOut outputs per input unit (Glorot)
 */
public record ParameterSpec(String name, long[] shape, Init init, int fanIn, int fanOut) {

  /** How a parameter starts. */
  public enum Init {
    /** Uniform in +-sqrt(6 / (fanIn + fanOut)). */
    GLOROT_UNIFORM,
    /** All zeros. */
    ZEROS,
    /** ConvLSTM gate bias: zeros except ones on the forget gate (Keras unit_forget_bias). */
    FORGET_GATE_ONES
  }

  public ParameterSpec {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Number of scalars. */
  public int size() {
    long size = 1;
    for (long dimension : shape) {
      size *= dimension;
    }
    return Math.toIntExact(size);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ParameterSpec that
        && name.equals(that.name)
        && Arrays.equals(shape, that.shape)
        && init == that.init
        && fanIn == that.fanIn
        && fanOut == that.fanOut;
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
