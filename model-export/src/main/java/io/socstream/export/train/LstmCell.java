package io.socstream.export.train;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TFloat32;

/**
 * The LSTM cell update shared by the training graph ({@link ConvLstmForward}) and the serving graph
 * ({@link ServingForward}), so the two cannot compute different functions.
 *
 * @param hidden h after the step
 * @param cell c after the step
 */
record LstmCell(Operand<TFloat32> hidden, Operand<TFloat32> cell) {

  /**
   * One step from pre-activation {@code gates} (input, forget, candidate, output concatenated along
   * {@code axis}, as in Keras).
   *
   * @param previous the state before the step; null at the first step (h0 = c0 = 0)
   */
  static LstmCell step(Ops tf, Operand<TFloat32> gates, int axis, LstmCell previous) {
    Split<TFloat32> split = tf.split(tf.constant(axis), gates, (long) ModelLayout.GATES);
    return update(
        tf,
        tf.math.sigmoid(split.output().get(0)),
        tf.math.sigmoid(split.output().get(ModelLayout.FORGET_GATE)),
        tf.math.tanh(split.output().get(ModelLayout.CANDIDATE_GATE)),
        tf.math.sigmoid(split.output().get(3)),
        previous);
  }

  /**
   * The same step from {@code sigmoids}, the logistic function of all four pre-activations, where
   * the candidate's pre-activation was doubled beforehand: tanh(x) = 2·σ(2x) − 1, so one Sigmoid
   * over the whole gate row replaces three Sigmoids and a Tanh (and can fuse into the MatMul before
   * it). The serving graph uses this form; {@link ServingForward#parameters} doubles the candidate
   * columns.
   */
  static LstmCell stepFromSigmoids(
      Ops tf, Operand<TFloat32> sigmoids, int axis, LstmCell previous) {
    Split<TFloat32> split = tf.split(tf.constant(axis), sigmoids, (long) ModelLayout.GATES);
    Operand<TFloat32> candidate =
        tf.math.sub(
            tf.math.mul(tf.constant(2f), split.output().get(ModelLayout.CANDIDATE_GATE)),
            tf.constant(1f));
    return update(
        tf,
        split.output().get(0),
        split.output().get(ModelLayout.FORGET_GATE),
        candidate,
        split.output().get(3),
        previous);
  }

  private static LstmCell update(
      Ops tf,
      Operand<TFloat32> input,
      Operand<TFloat32> forget,
      Operand<TFloat32> candidate,
      Operand<TFloat32> output,
      LstmCell previous) {
    Operand<TFloat32> written = tf.math.mul(input, candidate);
    Operand<TFloat32> cell =
        previous == null ? written : tf.math.add(tf.math.mul(forget, previous.cell()), written);
    return new LstmCell(tf.math.mul(output, tf.math.tanh(cell)), cell);
  }

  /** {@code parameters.get(name)}, failing with the name when the graph lacks it. */
  static Operand<TFloat32> parameter(
      Map<String, ? extends Operand<TFloat32>> parameters, String name) {
    Operand<TFloat32> parameter = parameters.get(name);
    if (parameter == null) {
      throw new IllegalStateException("no parameter " + name);
    }
    return parameter;
  }
}
