package io.socstream.export.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The inference function that the SavedModel serves: the same model as {@link ConvLstmForward}'s
 * inference head, with every ConvLSTM convolution rewritten as a dense {@code MatMul} (see {@link
 * DenseConvLstm}).
 *
 * <p>Why a second forward pass: the training graph needs the convolution kernels as the trainable
 * parameters (their gradients and L2 live there), while serving only needs the fastest graph of the
 * same function. Per step this is one fused MatMul + BiasAdd + Sigmoid over all four gates and the
 * cell update.
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

  /** [input matrix; recurrent matrix] of {@code layer}, stacked along the rows. */
  static String stepMatrix(int layer) {
    return "convlstm_" + layer + "_step_matrix";
  }

  static String stepBias(int layer) {
    return "convlstm_" + layer + "_step_bias";
  }

  /**
   * The serving parameters computed from trained {@code weights} (keyed as {@link ModelLayout}):
   * per ConvLSTM layer the dense input matrix stacked on the dense recurrent matrix, and the tiled
   * gate bias, both with the candidate gate's columns doubled (see {@link
   * LstmCell#stepFromSigmoids}); the dense head unchanged. Values are row-major; {@link #shapes}
   * gives their shapes.
   */
  static Map<String, float[]> parameters(ConvLstmConfig config, Map<String, float[]> weights) {
    Map<String, float[]> serving = new LinkedHashMap<>();
    int filters = config.architecture().filters();
    int width = config.architecture().imageWidth();
    int k = config.architecture().effectiveKernelWidth();
    for (int layer = 0; layer < config.architecture().convLstmLayers(); layer++) {
      float[] input =
          DenseConvLstm.kernelMatrix(
              weights.get(ModelLayout.inputKernel(layer)),
              k,
              ModelLayout.inputChannels(config, layer),
              filters,
              width);
      float[] recurrent =
          DenseConvLstm.kernelMatrix(
              weights.get(ModelLayout.recurrentKernel(layer)), k, filters, filters, width);
      float[] stacked = Arrays.copyOf(input, input.length + recurrent.length);
      System.arraycopy(recurrent, 0, stacked, input.length, recurrent.length);
      float[] bias =
          DenseConvLstm.biasVector(weights.get(ModelLayout.gateBias(layer)), filters, width);
      serving.put(stepMatrix(layer), doubleCandidateColumns(stacked, filters, width));
      serving.put(stepBias(layer), doubleCandidateColumns(bias, filters, width));
    }
    for (ParameterSpec spec : ModelLayout.headParameters(config)) {
      serving.put(spec.name(), weights.get(spec.name()));
    }
    return serving;
  }

  /** Shapes of {@link #parameters}, by name. */
  static Map<String, long[]> shapes(ConvLstmConfig config) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    for (int layer = 0; layer < config.architecture().convLstmLayers(); layer++) {
      shapes.put(
          stepMatrix(layer),
          new long[] {inputWidth(config, layer) + stateWidth(config), gateWidth(config)});
      shapes.put(stepBias(layer), new long[] {gateWidth(config)});
    }
    for (ParameterSpec spec : ModelLayout.headParameters(config)) {
      shapes.put(spec.name(), spec.shape());
    }
    return shapes;
  }

  /**
   * A copy of row-major {@code values} (rows of the gate-major width of {@link DenseConvLstm}) with
   * the candidate gate's columns times two.
   */
  private static float[] doubleCandidateColumns(float[] values, int filters, int width) {
    int columns = ModelLayout.GATES * width * filters;
    int first = ModelLayout.CANDIDATE_GATE * width * filters;
    float[] doubled = values.clone();
    for (int row = 0; row < values.length / columns; row++) {
      for (int column = first; column < first + width * filters; column++) {
        doubled[row * columns + column] *= 2;
      }
    }
    return doubled;
  }

  /**
   * SOC estimate per window.
   *
   * @param windows [batch, T, 1, features, 1]
   * @return [batch, 1], linear
   */
  Operand<TFloat32> predict(Operand<TFloat32> windows) {
    int steps = config.architecture().windowLength();
    long inputWidth = inputWidth(config, 0);
    // Each step's [batch, inputWidth] columns, split off the flat window (cheaper than a
    // transpose + unstack at small batches).
    List<Operand<TFloat32>> inputs =
        new ArrayList<>(
            tf.split(
                    tf.constant(1),
                    tf.reshape(windows, tf.constant(new long[] {-1, steps * inputWidth})),
                    (long) steps)
                .output());
    for (int layer = 0; layer < config.architecture().convLstmLayers(); layer++) {
      inputs = layer(layer, inputs);
    }
    return DenseHead.apply(
        tf, config, parameters, inputs.get(steps - 1), (activations, layer) -> activations);
  }

  /**
   * One layer unrolled over the window: per step one MatMul of [input, h] with the stacked matrix,
   * BiasAdd and Sigmoid (which Grappler fuses into one oneDNN MatMul with a sigmoid post-op), then
   * the cell update.
   *
   * @param inputs [batch, width * inputChannels] per step
   * @return the hidden state after every step
   */
  private List<Operand<TFloat32>> layer(int layer, List<Operand<TFloat32>> inputs) {
    Operand<TFloat32> stepMatrix = parameter(stepMatrix(layer));
    Operand<TFloat32> bias = parameter(stepBias(layer));
    // h0 = 0, so the first step needs only the input rows of the matrix; this also spares a zeros
    // op whose shape would depend on the dynamic batch size.
    Operand<TFloat32> inputRows =
        tf.slice(
            stepMatrix,
            tf.constant(new long[] {0, 0}),
            tf.constant(new long[] {inputWidth(config, layer), -1}));
    List<Operand<TFloat32>> hiddenStates = new ArrayList<>(inputs.size());
    LstmCell state = null;
    for (Operand<TFloat32> input : inputs) {
      Operand<TFloat32> preActivations =
          state == null
              ? tf.linalg.matMul(input, inputRows)
              : tf.linalg.matMul(
                  tf.concat(List.of(input, state.hidden()), tf.constant(1)), stepMatrix);
      state =
          LstmCell.stepFromSigmoids(
              tf, tf.math.sigmoid(tf.nn.biasAdd(preActivations, bias)), 1, state);
      hiddenStates.add(state.hidden());
    }
    return hiddenStates;
  }

  private static long inputWidth(ConvLstmConfig config, int layer) {
    return (long) config.architecture().imageWidth() * ModelLayout.inputChannels(config, layer);
  }

  private static long stateWidth(ConvLstmConfig config) {
    return (long) config.architecture().imageWidth() * config.architecture().filters();
  }

  private static long gateWidth(ConvLstmConfig config) {
    return ModelLayout.GATES * stateWidth(config);
  }

  private Operand<TFloat32> parameter(String name) {
    return LstmCell.parameter(parameters, name);
  }
}
