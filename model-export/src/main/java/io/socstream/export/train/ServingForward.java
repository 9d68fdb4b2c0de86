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
    int width = imageWidth(config);
    for (int layer = 0; layer < config.convLstmLayers(); layer++) {
      int cin = inputChannels(config, layer);
      int k = kernelWidth(config, layer);
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
    int width = imageWidth(config);
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
    int width = imageWidth(config);
    int filters = config.filters();
    // Steps folded into the rows: the input half of the gates is one MatMul for the whole window.
    Operand<TFloat32> rows =
        tf.reshape(windows, tf.constant(new long[] {-1, (long) width * inputChannels(config, 0)}));
    Operand<TFloat32> hidden = null;
    for (int layer = 0; layer < config.convLstmLayers(); layer++) {
      List<Operand<TFloat32>> hiddenStates = layer(layer, rows);
      hidden = hiddenStates.get(steps - 1);
      if (layer + 1 < config.convLstmLayers()) {
        rows =
            tf.reshape(
                tf.stack(hiddenStates, Stack.axis(1L)),
                tf.constant(new long[] {-1, (long) width * filters}));
      }
    }
    Operand<TFloat32> activations = hidden;
    for (int layer = 0; layer < config.denseUnits().size(); layer++) {
      activations =
          tf.nn.relu(
              tf.nn.biasAdd(
                  tf.linalg.matMul(activations, parameter(ModelLayout.denseKernel(layer))),
                  parameter(ModelLayout.denseBias(layer))));
    }
    return tf.nn.biasAdd(
        tf.linalg.matMul(activations, parameter(ModelLayout.OUTPUT_KERNEL)),
        parameter(ModelLayout.OUTPUT_BIAS));
  }

  /**
   * One layer unrolled over the window; returns the hidden state after every step.
   *
   * @param rows [batch * T, width * inputChannels], step-major within each window
   */
  private List<Operand<TFloat32>> layer(int layer, Operand<TFloat32> rows) {
    int steps = config.windowLength();
    long gateWidth = (long) ModelLayout.GATES * imageWidth(config) * config.filters();
    Operand<TFloat32> inputGates =
        tf.reshape(
            tf.nn.biasAdd(
                tf.linalg.matMul(rows, parameter(inputMatrix(layer))), parameter(gateBias(layer))),
            tf.constant(new long[] {-1, steps, gateWidth}));
    List<Operand<TFloat32>> perStep =
        new ArrayList<>(tf.unstack(inputGates, (long) steps, Unstack.axis(1L)).output());
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

  /** Positions of the 1 x W image each step is: features / input channels of the first layer. */
  private static int imageWidth(ConvLstmConfig config) {
    return config.featureCount() / inputChannels(config, 0);
  }

  private static int inputChannels(ConvLstmConfig config, int layer) {
    return (int) spec(config, ModelLayout.inputKernel(layer)).shape()[2];
  }

  private static int kernelWidth(ConvLstmConfig config, int layer) {
    return (int) spec(config, ModelLayout.inputKernel(layer)).shape()[1];
  }

  private static ParameterSpec spec(ConvLstmConfig config, String name) {
    return ModelLayout.parameters(config).stream()
        .filter(spec -> spec.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no parameter " + name));
  }

  private Operand<TFloat32> parameter(String name) {
    return LstmCell.parameter(parameters, name);
  }
}
