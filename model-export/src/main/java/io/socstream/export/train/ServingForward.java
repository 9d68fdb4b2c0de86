package io.socstream.export.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;

/**
 * The inference function that the SavedModel serves: the same model as {@link ConvLstmForward}'s
 * inference head, with every ConvLSTM convolution rewritten as a dense {@code MatMul} (see {@link
 * DenseConvLstm}).
 *
 * <p>Why a second forward pass: the training graph needs the convolution kernels as the trainable
 * parameters (their gradients and L2 live there), while serving only needs the fastest graph of the
 * same function. Per step this is one MatMul, one Add and the gate activations.
 */
final class ServingForward {

  private final Ops tf;
  private final ConvLstmConfig config;
  private final Map<String, ? extends Operand<TFloat32>> parameters;

  /**
   * @param parameters the serving parameters of {@link #parameters(ConvLstmConfig, Map)}, as graph
   *     operands (variables of the export graph)
   */
  ServingForward(
      Ops tf, ConvLstmConfig config, Map<String, ? extends Operand<TFloat32>> parameters) {
    this.tf = tf;
    this.config = config;
    this.parameters = parameters;
  }

  static String inputMatrix(int layer) {
    return "convlstm_" + layer + "_input_matrix";
  }

  static String recurrentMatrix(int layer) {
    return "convlstm_" + layer + "_recurrent_matrix";
  }

  static String gateBias(int layer) {
    return "convlstm_" + layer + "_gate_bias";
  }

  /**
   * The serving parameters computed from trained {@code weights} (keyed as {@link ModelLayout}):
   * dense gate matrices and tiled biases per ConvLSTM layer, the dense head unchanged. Values are
   * row-major; {@link #shapes} gives their shapes.
   */
  static Map<String, float[]> parameters(ConvLstmConfig config, Map<String, float[]> weights) {
    Map<String, float[]> serving = new LinkedHashMap<>();
    int filters = config.filters();
    int width = config.imageWidth();
    for (int layer = 0; layer < config.convLstmLayers(); layer++) {
      int cin = inputChannels(config, layer);
      int k = config.effectiveKernelWidth();
      serving.put(
          inputMatrix(layer),
          DenseConvLstm.kernelMatrix(
              weights.get(ModelLayout.inputKernel(layer)), k, cin, filters, width));
      serving.put(
          recurrentMatrix(layer),
          DenseConvLstm.kernelMatrix(
              weights.get(ModelLayout.recurrentKernel(layer)), k, filters, filters, width));
      serving.put(
          gateBias(layer),
          DenseConvLstm.biasVector(weights.get(ModelLayout.gateBias(layer)), filters, width));
    }
    for (ParameterSpec spec : ModelLayout.parameters(config)) {
      if (!spec.name().startsWith("convlstm_")) {
        serving.put(spec.name(), weights.get(spec.name()));
      }
    }
    return serving;
  }

  /** Shapes of {@link #parameters}, by name. */
  static Map<String, long[]> shapes(ConvLstmConfig config) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    int filters = config.filters();
    int width = config.imageWidth();
    long gateWidth = (long) ModelLayout.GATES * width * filters;
    for (int layer = 0; layer < config.convLstmLayers(); layer++) {
      shapes.put(
          inputMatrix(layer), new long[] {(long) width * inputChannels(config, layer), gateWidth});
      shapes.put(recurrentMatrix(layer), new long[] {(long) width * filters, gateWidth});
      shapes.put(gateBias(layer), new long[] {gateWidth});
    }
    for (ParameterSpec spec : ModelLayout.parameters(config)) {
      if (!spec.name().startsWith("convlstm_")) {
        shapes.put(spec.name(), spec.shape());
      }
    }
    return shapes;
  }

  /**
   * SOC estimate per window.
   *
   * @param windows [batch, T, 1, features, 1]
   * @return [batch, 1], linear
   */
  Operand<TFloat32> predict(Operand<TFloat32> windows) {
    int steps = config.windowLength();
    int width = config.imageWidth();
    int filters = config.filters();
    long inputWidth = (long) width * inputChannels(config, 0);
    // Steps folded into the rows, time-major: the input half of the gates is one MatMul for the
    // whole window, and each step's slice of it is then contiguous (unstacked without a copy).
    Operand<TFloat32> rows =
        tf.reshape(
            tf.linalg.transpose(
                tf.reshape(windows, tf.constant(new long[] {-1, steps, inputWidth})),
                tf.constant(new int[] {1, 0, 2})),
            tf.constant(new long[] {-1, inputWidth}));
    Operand<TFloat32> hidden = null;
    for (int layer = 0; layer < config.convLstmLayers(); layer++) {
      List<Operand<TFloat32>> hiddenStates = layer(layer, rows);
      hidden = hiddenStates.get(steps - 1);
      if (layer + 1 < config.convLstmLayers()) {
        rows =
            tf.reshape(
                tf.stack(hiddenStates, Stack.axis(0L)),
                tf.constant(new long[] {-1, (long) width * filters}));
      }
    }
    return DenseHead.apply(tf, config, parameters, hidden, (activations, layer) -> activations);
  }

  /**
   * One layer unrolled over the window; returns the hidden state after every step.
   *
   * @param rows [T * batch, width * inputChannels], time-major
   */
  private List<Operand<TFloat32>> layer(int layer, Operand<TFloat32> rows) {
    int steps = config.windowLength();
    long gateWidth = (long) ModelLayout.GATES * config.imageWidth() * config.filters();
    Operand<TFloat32> inputGates =
        tf.reshape(
            tf.nn.biasAdd(
                tf.linalg.matMul(rows, parameter(inputMatrix(layer))), parameter(gateBias(layer))),
            tf.constant(new long[] {steps, -1, gateWidth}));
    List<Operand<TFloat32>> perStep =
        new ArrayList<>(tf.unstack(inputGates, (long) steps, Unstack.axis(0L)).output());
    Operand<TFloat32> recurrent = parameter(recurrentMatrix(layer));
    List<Operand<TFloat32>> hiddenStates = new ArrayList<>(steps);
    LstmCell state = null;
    for (int step = 0; step < steps; step++) {
      Operand<TFloat32> gates = perStep.get(step);
      if (state != null) {
        // h0 = 0, so the first step has no recurrent term; this also spares a zeros op whose
        // shape would depend on the dynamic batch size.
        gates = tf.math.add(gates, tf.linalg.matMul(state.hidden(), recurrent));
      }
      state = LstmCell.step(tf, gates, 1, state);
      hiddenStates.add(state.hidden());
    }
    return hiddenStates;
  }

  /** Input channels of {@code layer}: the window's in the first, the previous layer's filters. */
  private static int inputChannels(ConvLstmConfig config, int layer) {
    return layer == 0 ? config.inputChannels() : config.filters();
  }

  private Operand<TFloat32> parameter(String name) {
    return LstmCell.parameter(parameters, name);
  }
}
