package io.socstream.export.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * Builds the forward pass of the ConvLSTM model from raw ops, on parameters that already exist in
 * the graph (variables while training, variables of the export graph when exporting).
 *
 * <p>Building the pass twice on the same parameters gives a training head (with dropout and input
 * noise) and an inference head (without), so the exported signature can never reach a random op.
 */
final class ConvLstmForward {

  private static final List<Long> UNIT_STRIDES = List.of(1L, 1L, 1L, 1L);
  private static final String SAME = "SAME";

  /**
   * Op seed2 of the input noise; the dropout layers use 1, 2, ... so this one never shares a stream
   * with them.
   */
  private static final long INPUT_NOISE_SEED2 = 1_000L;

  private final Ops tf;
  private final ConvLstmConfig config;
  private final Map<String, ? extends Operand<TFloat32>> parameters;

  ConvLstmForward(
      Ops tf, ConvLstmConfig config, Map<String, ? extends Operand<TFloat32>> parameters) {
    this.tf = tf;
    this.config = config;
    this.parameters = parameters;
  }

  /**
   * SOC estimate per window.
   *
   * @param windows [batch, T, 1, F, 1]
   * @param training whether input noise and dropout are applied (seeded, so a fresh session repeats
   *     their draws)
   * @return [batch, 1], linear
   */
  Operand<TFloat32> predict(Operand<TFloat32> windows, boolean training) {
    int steps = config.architecture().windowLength();
    int width = config.architecture().imageWidth();
    int filters = config.architecture().filters();
    Operand<TFloat32> sequence = windows;
    if (training && config.regularisation().inputNoiseStd() > 0f) {
      sequence = inputNoise(windows);
    }
    // [batch, T, 1, F, 1] and [batch, T, 1, 1, F] share their memory order: the channels layout
    // needs no op, the first layer's reshape below reads the window as F channels.
    Operand<TFloat32> hidden = null;
    for (int layer = 0; layer < config.architecture().convLstmLayers(); layer++) {
      List<Operand<TFloat32>> hiddenStates =
          convLstmLayer(layer, sequence, ModelLayout.inputChannels(config, layer));
      hidden = hiddenStates.get(steps - 1);
      if (layer + 1 < config.architecture().convLstmLayers()) {
        sequence = tf.stack(hiddenStates, Stack.axis(1L));
      }
    }
    Operand<TFloat32> flattened =
        tf.reshape(hidden, tf.constant(new long[] {-1, (long) width * filters}));
    boolean dropping = training && config.regularisation().dropout() > 0f;
    return DenseHead.apply(
        tf,
        config,
        parameters,
        flattened,
        (activations, layer) -> dropping ? dropout(activations, layer) : activations);
  }

  /**
   * One ConvLSTM layer unrolled over the window; returns the hidden state after every step.
   *
   * @param sequence [batch, T, 1, W, inputChannels] with W = {@link Architecture#imageWidth()} (the
   *     first layer may get the window as [batch, T, 1, F, 1] in either layout)
   */
  private List<Operand<TFloat32>> convLstmLayer(
      int layer, Operand<TFloat32> sequence, int inputChannels) {
    int steps = config.architecture().windowLength();
    int width = config.architecture().imageWidth();
    int gateChannels = ModelLayout.GATES * config.architecture().filters();
    // The input half of the gates does not depend on the recurrence: one convolution over all
    // steps at once (steps folded into the batch) instead of T small ones.
    Operand<TFloat32> folded =
        tf.reshape(sequence, tf.constant(new long[] {-1, 1, width, inputChannels}));
    Operand<TFloat32> inputGates =
        tf.nn.conv2d(folded, parameter(ModelLayout.inputKernel(layer)), UNIT_STRIDES, SAME);
    inputGates =
        tf.nn.biasAdd(
            tf.reshape(inputGates, tf.constant(new long[] {-1, steps, 1, width, gateChannels})),
            parameter(ModelLayout.gateBias(layer)));
    List<Operand<TFloat32>> perStep =
        new ArrayList<>(tf.unstack(inputGates, (long) steps, Unstack.axis(1L)).output());

    Operand<TFloat32> recurrentKernel = parameter(ModelLayout.recurrentKernel(layer));
    List<Operand<TFloat32>> hiddenStates = new ArrayList<>(steps);
    LstmCell state = null;
    for (int step = 0; step < steps; step++) {
      Operand<TFloat32> gates = perStep.get(step);
      if (state != null) {
        // h0 = 0, so the first step has no recurrent term; this also spares a zeros op whose
        // shape would depend on the dynamic batch size.
        gates =
            tf.math.add(gates, tf.nn.conv2d(state.hidden(), recurrentKernel, UNIT_STRIDES, SAME));
      }
      state = LstmCell.step(tf, gates, 3, state);
      hiddenStates.add(state.hidden());
    }
    return hiddenStates;
  }

  /** {@code windows + N(0, inputNoiseStd^2)}, drawn afresh at every step (seeded like dropout). */
  private Operand<TFloat32> inputNoise(Operand<TFloat32> windows) {
    Operand<TFloat32> normal =
        tf.random.randomStandardNormal(
            tf.shape(windows),
            TFloat32.class,
            RandomStandardNormal.seed(config.seed()),
            RandomStandardNormal.seed2(INPUT_NOISE_SEED2));
    return tf.math.add(
        windows, tf.math.mul(normal, tf.constant(config.regularisation().inputNoiseStd())));
  }

  /** Inverted dropout: keeps each unit with probability 1 - rate and rescales by 1 / keep. */
  private Operand<TFloat32> dropout(Operand<TFloat32> activations, int layer) {
    float keep = 1f - config.regularisation().dropout();
    // Both op seeds set: TensorFlow then draws the same mask sequence in every fresh session.
    Operand<TFloat32> uniform =
        tf.random.randomUniform(
            tf.shape(activations),
            TFloat32.class,
            RandomUniform.seed(config.seed()),
            RandomUniform.seed2(layer + 1L));
    Operand<TFloat32> mask = tf.math.floor(tf.math.add(uniform, tf.constant(keep)));
    return tf.math.mul(activations, tf.math.mul(mask, tf.constant(1f / keep)));
  }

  private Operand<TFloat32> parameter(String name) {
    return LstmCell.parameter(parameters, name);
  }
}
