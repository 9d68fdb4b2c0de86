package io.socstream.export.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * The framework's {@link Adam} with two fixes for TensorFlow Java 1.1: a learning rate read from a
 * graph operand, and bias-correction powers that are updated strictly after the weights.
 *
 * <p>Learning rate: {@code Adam} bakes the float it was built with into a {@code Const} op and has
 * no setter, so a plateau cut would mean rebuilding the optimizer and losing its moments. Here
 * {@code ApplyAdam} reads the operand instead.
 *
 * <p>Ordering: {@code Adam.finish} multiplies its {@code beta1_power}/{@code beta2_power} variables
 * in the same step as the {@code ApplyAdam} ops that read them, with no control dependency, so each
 * step reads the old or the new power at random (measured: the first step moved 0.74 or 1.41 times
 * the learning rate instead of 1.0). This class keeps its own powers and advances them only after
 * every {@code ApplyAdam} has run, like Python's Adam. Adam's own powers are still created and
 * advanced, but nothing reads them.
 *
 * <p>Moment slots, gradient computation and the grouping of the step are the framework's.
 */
final class ScheduledAdam extends Adam {

  private final Operand<TFloat32> learningRate;
  private Variable<TFloat32> betaOnePower;
  private Variable<TFloat32> betaTwoPower;

  /**
   * @param graph the graph that holds the loss
   * @param learningRate scalar float operand read at every step; a placeholder, not a variable (the
   *     framework differentiates the loss with respect to every variable of the graph)
   */
  ScheduledAdam(Graph graph, Operand<TFloat32> learningRate) {
    super(graph, LEARNING_RATE_DEFAULT);
    this.learningRate = learningRate;
  }

  @Override
  protected void createSlots(List<Output<? extends TType>> variables) {
    super.createSlots(variables);
    betaOnePower =
        tf.withName("scheduled_adam_beta1_power")
            .variable(tf.withInitScope().constant(BETA_ONE_DEFAULT));
    betaTwoPower =
        tf.withName("scheduled_adam_beta2_power")
            .variable(tf.withInitScope().constant(BETA_TWO_DEFAULT));
  }

  @Override
  protected <T extends TType> Op applyDense(Ops tf, Output<T> gradient, Output<T> variable) {
    Variable<T> firstMoment = this.<T>getSlot(variable, FIRST_MOMENT).orElseThrow();
    Variable<T> secondMoment = this.<T>getSlot(variable, SECOND_MOMENT).orElseThrow();
    Class<T> type = gradient.type();
    return tf.train.applyAdam(
        variable,
        firstMoment,
        secondMoment,
        tf.dtypes.cast(betaOnePower, type),
        tf.dtypes.cast(betaTwoPower, type),
        tf.dtypes.cast(learningRate, type),
        tf.dtypes.cast(tf.constant(BETA_ONE_DEFAULT), type),
        tf.dtypes.cast(tf.constant(BETA_TWO_DEFAULT), type),
        tf.dtypes.cast(tf.constant(EPSILON_DEFAULT), type),
        gradient);
  }

  @Override
  protected Op finish(List<Op> updateOperations, String name) {
    Ops afterUpdates = tf.withControlDependencies(new ArrayList<>(updateOperations));
    List<Op> all = new ArrayList<>(updateOperations);
    all.add(
        afterUpdates.assign(
            betaOnePower,
            afterUpdates.math.mul(betaOnePower, afterUpdates.constant(BETA_ONE_DEFAULT))));
    all.add(
        afterUpdates.assign(
            betaTwoPower,
            afterUpdates.math.mul(betaTwoPower, afterUpdates.constant(BETA_TWO_DEFAULT))));
    return super.finish(all, name);
  }
}
