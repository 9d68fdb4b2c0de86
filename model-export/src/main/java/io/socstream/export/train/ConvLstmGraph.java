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
 * The training graph: placeholders, parameter variables, a training head with dropout, an inference
 * head without, the loss, the Adam step, and the ops to set the learning rate and to overwrite the
 * parameters (to restore the best epoch).
 */
final class ConvLstmGraph {

  /** Name of the input placeholder, [-1, T, 1, F, 1]: the serving contract. */
  static final String INPUT_NAME = "windows";

  /** Name of the dropout-free output, [-1, 1]: the serving contract. */
  static final String OUTPUT_NAME = "soc";

  final Graph graph;
  final Placeholder<TFloat32> windows;
  final Placeholder<TFloat32> targets;
  final Operand<TFloat32> inference;
  final Operand<TFloat32> loss;
  final Op trainStep;
  final Placeholder<TFloat32> learningRate;
  final Map<String, Variable<TFloat32>> parameters;
  final Map<String, Placeholder<TFloat32>> parameterValues;
  final List<Op> assignParameters;

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
    inference = tf.withName(OUTPUT_NAME).identity(forward.predict(windows, false));

    Operand<TFloat32> meanSquaredError =
        tf.math.mean(
            tf.math.square(tf.math.sub(trainingPrediction, targets)),
            tf.constant(new int[] {0, 1}));
    Operand<TFloat32> penalty = tf.constant(0f);
    for (int layer = 0; layer < config.denseUnits().size(); layer++) {
      Operand<TFloat32> kernel = reads.get(ModelLayout.denseKernel(layer));
      penalty =
          tf.math.add(penalty, tf.reduceSum(tf.math.square(kernel), tf.constant(new int[] {0, 1})));
    }
    loss =
        tf.withName("loss")
            .math
            .add(meanSquaredError, tf.math.mul(tf.constant(config.l2()), penalty));

    // Fed with every step rather than held in a variable: Optimizer.minimize differentiates the
    // loss with respect to every VariableV2 in the graph and fails on one the loss does not reach.
    learningRate =
        tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    trainStep = new ScheduledAdam(graph, learningRate).minimize(loss, "train");
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
                Shape.of(Shape.UNKNOWN_SIZE, config.windowLength(), 1, config.featureCount(), 1)));
  }

  /**
   * A variable named {@code spec.name()} initialised from {@code values}; the constant lives in the
   * init scope. Names are flat ('_', no '/'): {@code Ops.withName} rejects '/', and the optimizer
   * names its slots {@code <variable>-m}, so a sub-scoped variable breaks slot creation.
   */
  static Variable<TFloat32> variable(Ops tf, ParameterSpec spec, float[] values) {
    return tf.withName(spec.name())
        .variable(
            tf.withInitScope()
                .constant(Shape.of(spec.shape()), DataBuffers.of(values, true, false)));
  }
}
