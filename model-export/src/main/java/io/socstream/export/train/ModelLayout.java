package io.socstream.export.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The trainable parameters of the ConvLSTM model, in a fixed order, and their seeded initial
 * values.
 *
 * <p>Initial values are drawn in Java rather than with TensorFlow random ops so that a seed gives
 * the same weights on every platform and TensorFlow version.
 */
public final class ModelLayout {

  /** Gates of a ConvLSTM cell, in the order their channels are concatenated (as in Keras). */
  static final int GATES = 4;

  /** Index of the forget gate in {@link #GATES}: input, forget, candidate, output. */
  static final int FORGET_GATE = 1;

  /** Index of the candidate (cell input) gate, the one with tanh instead of sigmoid. */
  static final int CANDIDATE_GATE = 2;

  private ModelLayout() {}

  static String inputKernel(int layer) {
    return "convlstm_" + layer + "_input_kernel";
  }

  static String recurrentKernel(int layer) {
    return "convlstm_" + layer + "_recurrent_kernel";
  }

  static String gateBias(int layer) {
    return "convlstm_" + layer + "_bias";
  }

  static String denseKernel(int layer) {
    return "dense_" + layer + "_kernel";
  }

  static String denseBias(int layer) {
    return "dense_" + layer + "_bias";
  }

  static final String OUTPUT_KERNEL = "output_kernel";
  static final String OUTPUT_BIAS = "output_bias";

  /** The parameters of a model with this configuration, in graph-building order. */
  public static List<ParameterSpec> parameters(ConvLstmConfig config) {
    List<ParameterSpec> specs = new ArrayList<>();
    int k = config.architecture().effectiveKernelWidth();
    int filters = config.architecture().filters();
    int gateChannels = GATES * filters;
    for (int layer = 0; layer < config.architecture().convLstmLayers(); layer++) {
      int inputChannels = inputChannels(config, layer);
      specs.add(
          new ParameterSpec(
              inputKernel(layer),
              new long[] {1, k, inputChannels, gateChannels},
              ParameterSpec.Init.GLOROT_UNIFORM,
              k * inputChannels,
              k * gateChannels));
      specs.add(
          new ParameterSpec(
              recurrentKernel(layer),
              new long[] {1, k, filters, gateChannels},
              ParameterSpec.Init.GLOROT_UNIFORM,
              k * filters,
              k * gateChannels));
      specs.add(
          new ParameterSpec(
              gateBias(layer),
              new long[] {gateChannels},
              ParameterSpec.Init.FORGET_GATE_ONES,
              0,
              0));
    }
    specs.addAll(headParameters(config));
    return specs;
  }

  /**
   * The dense head's parameters (every parameter after the ConvLSTM layers), in graph-building
   * order: the part of the model that training and serving hold in the same form.
   */
  static List<ParameterSpec> headParameters(ConvLstmConfig config) {
    List<ParameterSpec> specs = new ArrayList<>();
    int width = config.architecture().imageWidth() * config.architecture().filters();
    for (int layer = 0; layer < config.architecture().denseUnits().size(); layer++) {
      int units = config.architecture().denseUnits().get(layer);
      specs.add(
          new ParameterSpec(
              denseKernel(layer),
              new long[] {width, units},
              ParameterSpec.Init.GLOROT_UNIFORM,
              width,
              units));
      specs.add(
          new ParameterSpec(denseBias(layer), new long[] {units}, ParameterSpec.Init.ZEROS, 0, 0));
      width = units;
    }
    specs.add(
        new ParameterSpec(
            OUTPUT_KERNEL, new long[] {width, 1}, ParameterSpec.Init.GLOROT_UNIFORM, width, 1));
    specs.add(new ParameterSpec(OUTPUT_BIAS, new long[] {1}, ParameterSpec.Init.ZEROS, 0, 0));
    return specs;
  }

  /** Input channels of ConvLSTM {@code layer}: the window's in the first, the filters after. */
  static int inputChannels(ConvLstmConfig config, int layer) {
    return layer == 0 ? config.architecture().inputChannels() : config.architecture().filters();
  }

  /** Seeded initial values of every parameter, keyed by name, in {@link #parameters} order. */
  public static Map<String, float[]> initialValues(ConvLstmConfig config) {
    SplittableRandom random = new SplittableRandom(config.seed());
    Map<String, float[]> values = new LinkedHashMap<>();
    for (ParameterSpec spec : parameters(config)) {
      float[] data = new float[spec.size()];
      switch (spec.init()) {
        case GLOROT_UNIFORM -> {
          double limit = Math.sqrt(6.0 / (spec.fanIn() + spec.fanOut()));
          for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextDouble(-limit, limit);
          }
        }
        case FORGET_GATE_ONES -> {
          int filters = data.length / GATES;
          for (int i = FORGET_GATE * filters; i < (FORGET_GATE + 1) * filters; i++) {
            data[i] = 1f;
          }
        }
        case ZEROS -> {
          // already zero
        }
      }
      values.put(spec.name(), data);
    }
    return values;
  }

  /** Total number of trainable scalars. */
  public static long parameterCount(ConvLstmConfig config) {
    return parameters(config).stream().mapToLong(ParameterSpec::size).sum();
  }
}
