package io.socstream.export.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A ConvLSTM model being trained: its graph and the session that holds its variables.
 *
 * <p>Not thread-safe; one trainer drives it.
 */
public final class ConvLstmModel implements AutoCloseable {

  private final ConvLstmConfig config;
  private final ConvLstmGraph graph;
  private final Session session;
  private float learningRate;

  private ConvLstmModel(ConvLstmConfig config, ConvLstmGraph graph) {
    this.config = config;
    this.graph = graph;
    // Variables are initialised by the session on its first run (auto-init): the seeded initial
    // values live in the graph's init scope.
    this.session = new Session(graph.graph);
    this.learningRate = config.schedule().learningRate();
  }

  /** Builds the graph and a session with freshly (seeded) initialised parameters. */
  public static ConvLstmModel create(ConvLstmConfig config) {
    ConvLstmGraph graph = ConvLstmGraph.build(config);
    try {
      return new ConvLstmModel(config, graph);
    } catch (RuntimeException e) {
      graph.graph.close();
      throw e;
    }
  }

  public ConvLstmConfig config() {
    return config;
  }

  /**
   * One Adam step on a mini-batch (with dropout and input noise), followed by the update of the
   * weight average when it is on.
   *
   * @param windows {@code count * T * F} floats, row-major [window][step][feature]
   * @param targets {@code count} SOC targets
   * @return the batch loss (MSE + L2) before the step
   */
  public float trainStep(float[] windows, float[] targets, int count) {
    try (TFloat32 x = windowTensor(windows, count);
        TFloat32 y =
            TFloat32.tensorOf(
                Shape.of(count, 1), DataBuffers.of(targets, true, false).narrow(count));
        TFloat32 rate = TFloat32.scalarOf(learningRate);
        Result result =
            session
                .runner()
                .feed(graph.windows, x)
                .feed(graph.targets, y)
                .feed(graph.learningRate, rate)
                .addTarget(graph.trainStep)
                .fetch(graph.loss)
                .run()) {
      return ((TFloat32) result.get(0)).getFloat();
    }
  }

  /**
   * SOC estimates of the dropout-free head; with weight averaging on, on the averaged weights (the
   * {@link #inferenceWeights()}).
   *
   * @param windows {@code count * T * F} floats, row-major [window][step][feature]
   */
  public float[] predict(float[] windows, int count) {
    float[] soc = new float[count];
    try (TFloat32 x = windowTensor(windows, count);
        Result result = session.runner().feed(graph.windows, x).fetch(graph.inference).run()) {
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(soc, false, false));
    }
    return soc;
  }

  public float learningRate() {
    return learningRate;
  }

  /** Sets the Adam learning rate for the next steps; Adam's moments are kept. */
  public void setLearningRate(float newLearningRate) {
    if (!(newLearningRate >= 0f)) {
      throw new IllegalArgumentException("learning rate must be >= 0, was " + newLearningRate);
    }
    learningRate = newLearningRate;
  }

  /**
   * A copy of every parameter's current (trained, not averaged) values, by name, in layout order.
   */
  public Map<String, float[]> weights() {
    return fetch(graph.parameters);
  }

  /**
   * The weights {@link #predict} uses, validation scores, checkpointing keeps and the export
   * writes: the exponential moving average of the weights when {@code weightAverageDecay > 0}, else
   * {@link #weights()}.
   */
  public Map<String, float[]> inferenceWeights() {
    return graph.averages.isEmpty() ? weights() : fetch(graph.averages);
  }

  private Map<String, float[]> fetch(Map<String, Variable<TFloat32>> variables) {
    Session.Runner runner = session.runner();
    for (Variable<TFloat32> variable : variables.values()) {
      runner.fetch(variable);
    }
    Map<String, float[]> weights = new LinkedHashMap<>();
    try (Result result = runner.run()) {
      int index = 0;
      for (ParameterSpec spec : ModelLayout.parameters(config)) {
        float[] values = new float[spec.size()];
        ((TFloat32) result.get(index++)).copyTo(DataBuffers.of(values, false, false));
        weights.put(spec.name(), values);
      }
    }
    return weights;
  }

  /**
   * Overwrites every parameter (e.g. with the best epoch's {@link #inferenceWeights()}); with
   * weight averaging on, the averages are set to the same values, so both heads then agree. The
   * averaging's step count goes on, so later steps keep the bias-corrected decay.
   */
  public void setWeights(Map<String, float[]> weights) {
    Session.Runner runner = session.runner();
    List<TFloat32> tensors = new ArrayList<>();
    try {
      for (ParameterSpec spec : ModelLayout.parameters(config)) {
        float[] values = weights.get(spec.name());
        if (values == null || values.length != spec.size()) {
          throw new IllegalArgumentException("missing or misshaped weights for " + spec);
        }
        TFloat32 tensor =
            TFloat32.tensorOf(Shape.of(spec.shape()), DataBuffers.of(values, true, false));
        tensors.add(tensor);
        runner.feed(graph.parameterValues.get(spec.name()), tensor);
      }
      graph.assignParameters.forEach(runner::addTarget);
      runner.run();
    } finally {
      tensors.forEach(TFloat32::close);
    }
  }

  /** The training graph, for checks of what it holds. */
  ConvLstmGraph graph() {
    return graph;
  }

  /** The training session, for checks against the exported model. */
  Session session() {
    return session;
  }

  private TFloat32 windowTensor(float[] windows, int count) {
    int t = config.architecture().windowLength();
    int f = config.architecture().featureCount();
    long needed = (long) count * t * f;
    if (count < 1 || windows.length < needed) {
      throw new IllegalArgumentException(
          "need " + needed + " floats for " + count + " windows, got " + windows.length);
    }
    return TFloat32.tensorOf(
        Shape.of(count, t, 1, f, 1), DataBuffers.of(windows, true, false).narrow(needed));
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.graph.close();
    }
  }
}
