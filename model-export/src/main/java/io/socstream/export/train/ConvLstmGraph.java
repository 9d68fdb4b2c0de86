package io.socstream.export.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The training graph: placeholders, parameter variables, a training head with dropout (and input
 * noise), an inference head without, the loss, the Adam step, and the ops to set the learning rate
 * and to overwrite the parameters (to restore the best epoch).
 *
 * <p>Weight averaging ({@code weightAverageDecay = d > 0}): every parameter {@code w} gets a shadow
 * variable {@code ema_<w>}, and the train step, after Adam has updated the parameters, sets {@code
 * shadow = b * shadow + (1 - b) * w} with {@code b = d (1 - d^(n-1)) / (1 - d^n)} at step {@code n}
 * (1-based). That is the bias-corrected EMA (as in Adam's moments): after {@code n} steps the
 * shadow holds {@code sum_k (1 - d) d^(n-k) w_k / (1 - d^n)}, a weighted mean of the post-step
 * weights {@code w_1..w_n} only. The initial weights carry no weight at all ({@code b = 0} at step
 * 1), so the average is not dragged towards the random start in the first epochs, which a plain
 * warm start {@code shadow_0 = w_0} with {@code d = 0.999} would do for thousands of steps. Before
 * the first step the shadow equals the initial weights. A second inference head reads the shadows;
 * it is the one {@link ConvLstmModel#predict} uses.
 *
 * <p>The shadows (and the {@code d^n} counter) are created after {@code minimize}: the optimizer
 * differentiates the loss with respect to every variable that exists when it is called, and fails
 * on one the loss does not reach.
 */
final class ConvLstmGraph {

  /** Name of the input placeholder, [-1, T, 1, F, 1]: the serving contract. */
  static final String INPUT_NAME = "windows";

  /** Name of the dropout-free output, [-1, 1]: the serving contract. */
  static final String OUTPUT_NAME = "soc";

  final Graph graph;
  final Placeholder<TFloat32> windows;
  final Placeholder<TFloat32> targets;

  /** The head {@link ConvLstmModel#predict} uses: the averaged one when averaging is on. */
  final Operand<TFloat32> inference;

  /** The dropout-free head on the trained (not averaged) parameters. */
  final Operand<TFloat32> rawInference;

  final Operand<TFloat32> loss;
  final Op trainStep;
  final Placeholder<TFloat32> learningRate;
  final Map<String, Variable<TFloat32>> parameters;
  final Map<String, Placeholder<TFloat32>> parameterValues;
  final List<Op> assignParameters;

  /** Shadow (EMA) variables by parameter name, in layout order; empty when averaging is off. */
  final Map<String, Variable<TFloat32>> averages;

  /** Prefix of the shadow variables' names. */
  static final String AVERAGE_PREFIX = "ema_";

  private ConvLstmGraph(Graph graph, ConvLstmConfig config) {
    this.graph = graph;
    Ops tf = Ops.create(graph);
    windows = inputPlaceholder(tf, config);
    targets =
        tf.withName("targets")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(Shape.UNKNOWN_SIZE, 1)));

    parameters = new LinkedHashMap<>();
    parameterValues = new LinkedHashMap<>();
    assignParameters = new ArrayList<>();
    // The model reads each variable through an Identity: VariableV2 outputs are reference-typed,
    // and the C++ gradient of Square (used by the L2 penalty) builds a Cast to the input's dtype,
    // which for a float_ref input fails and segfaults the JVM inside TF_AddGradients.
    Map<String, Operand<TFloat32>> reads = new LinkedHashMap<>();
    Map<String, float[]> initial = ModelLayout.initialValues(config);
    for (ParameterSpec spec : ModelLayout.parameters(config)) {
      Variable<TFloat32> variable = variable(tf, spec, initial.get(spec.name()));
      parameters.put(spec.name(), variable);
      reads.put(spec.name(), tf.identity(variable));
      Placeholder<TFloat32> value =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(spec.shape())));
      parameterValues.put(spec.name(), value);
      assignParameters.add(tf.assign(variable, value));
    }

    ConvLstmForward forward = new ConvLstmForward(tf, config, reads);
    Operand<TFloat32> trainingPrediction = forward.predict(windows, true);
    rawInference = tf.withName(OUTPUT_NAME).identity(forward.predict(windows, false));

    Operand<TFloat32> meanSquaredError =
        tf.math.mean(
            tf.math.square(tf.math.sub(trainingPrediction, targets)),
            tf.constant(new int[] {0, 1}));
    Operand<TFloat32> penalty = tf.constant(0f);
    for (int layer = 0; layer < config.architecture().denseUnits().size(); layer++) {
      Operand<TFloat32> kernel = reads.get(ModelLayout.denseKernel(layer));
      penalty =
          tf.math.add(penalty, tf.reduceSum(tf.math.square(kernel), tf.constant(new int[] {0, 1})));
    }
    loss =
        tf.withName("loss")
            .math
            .add(meanSquaredError, tf.math.mul(tf.constant(config.regularisation().l2()), penalty));

    // Fed with every step rather than held in a variable: Optimizer.minimize differentiates the
    // loss with respect to every VariableV2 in the graph and fails on one the loss does not reach.
    learningRate =
        tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    Op adamStep = new ScheduledAdam(graph, learningRate).minimize(loss, "train");

    averages = new LinkedHashMap<>();
    if (config.regularisation().averagesWeights()) {
      trainStep = averagingStep(tf, config, adamStep, initial);
      Map<String, Operand<TFloat32>> averageReads = new LinkedHashMap<>();
      averages.forEach((name, shadow) -> averageReads.put(name, tf.identity(shadow)));
      inference =
          tf.withName(OUTPUT_NAME + "_averaged")
              .identity(new ConvLstmForward(tf, config, averageReads).predict(windows, false));
    } else {
      trainStep = adamStep;
      inference = rawInference;
    }
  }

  /**
   * Creates the shadows and returns the step that runs {@code adamStep}, then the shadow updates,
   * then the {@code d^n} counter update; restoring parameters (setWeights) also sets the shadows.
   */
  private Op averagingStep(
      Ops tf, ConvLstmConfig config, Op adamStep, Map<String, float[]> initial) {
    float decay = config.regularisation().weightAverageDecay();
    // d^(n-1) before step n; advanced only after every shadow has been updated.
    Variable<TFloat32> decayPower =
        tf.withName(AVERAGE_PREFIX + "decay_power").variable(tf.withInitScope().constant(1f));
    // Everything here runs after Adam: the reads of w below must see the updated parameters.
    Ops after = tf.withControlDependencies(List.of(adamStep));
    Operand<TFloat32> d = after.constant(decay);
    Operand<TFloat32> one = after.constant(1f);
    Operand<TFloat32> keep =
        after.math.div(
            after.math.mul(d, after.math.sub(one, decayPower)),
            after.math.sub(one, after.math.mul(d, decayPower)));
    Operand<TFloat32> take = after.math.sub(one, keep);
    List<Op> updates = new ArrayList<>();
    for (ParameterSpec spec : ModelLayout.parameters(config)) {
      Variable<TFloat32> shadow =
          variable(tf, AVERAGE_PREFIX + spec.name(), spec, initial.get(spec.name()));
      averages.put(spec.name(), shadow);
      Variable<TFloat32> parameter = parameters.get(spec.name());
      updates.add(
          after.assign(
              shadow,
              after.math.add(after.math.mul(keep, shadow), after.math.mul(take, parameter))));
      assignParameters.add(tf.assign(shadow, parameterValues.get(spec.name())));
    }
    List<Op> all = new ArrayList<>(updates);
    Ops afterUpdates = tf.withControlDependencies(updates);
    all.add(
        afterUpdates.assign(
            decayPower, afterUpdates.math.mul(decayPower, afterUpdates.constant(decay))));
    return tf.withName("train_averaged").withControlDependencies(all).noOp();
  }

  /** Builds the training graph of {@code config} in a new {@link Graph}. */
  static ConvLstmGraph build(ConvLstmConfig config) {
    Graph graph = new Graph();
    try {
      return new ConvLstmGraph(graph, config);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** The {@code windows} placeholder of the serving contract. */
  static Placeholder<TFloat32> inputPlaceholder(Ops tf, ConvLstmConfig config) {
    return tf.withName(INPUT_NAME)
        .placeholder(
            TFloat32.class,
            Placeholder.shape(
                Shape.of(
                    Shape.UNKNOWN_SIZE,
                    config.architecture().windowLength(),
                    1,
                    config.architecture().featureCount(),
                    1)));
  }

  /**
   * A variable named {@code spec.name()} initialised from {@code values}; the constant lives in the
   * init scope. Names are flat ('_', no '/'): {@code Ops.withName} rejects '/', and the optimizer
   * names its slots {@code <variable>-m}, so a sub-scoped variable breaks slot creation.
   */
  static Variable<TFloat32> variable(Ops tf, ParameterSpec spec, float[] values) {
    return variable(tf, spec.name(), spec, values);
  }

  /** A variable of {@code spec}'s shape named {@code name}, initialised from {@code values}. */
  static Variable<TFloat32> variable(Ops tf, String name, ParameterSpec spec, float[] values) {
    return variable(tf, name, spec.shape(), values);
  }

  /** A variable of {@code shape} named {@code name}, initialised from {@code values}. */
  static Variable<TFloat32> variable(Ops tf, String name, long[] shape, float[] values) {
    return tf.withName(name)
        .variable(
            tf.withInitScope().constant(Shape.of(shape), DataBuffers.of(values, true, false)));
  }
}
