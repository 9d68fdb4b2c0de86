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
    Operand<TFloat32> input = tf.math.sigmoid(split.output().get(0));
    Operand<TFloat32> forget = tf.math.sigmoid(split.output().get(ModelLayout.FORGET_GATE));
    Operand<TFloat32> candidate = tf.math.tanh(split.output().get(2));
    Operand<TFloat32> output = tf.math.sigmoid(split.output().get(3));
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
