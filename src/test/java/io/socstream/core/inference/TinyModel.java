package io.socstream.core.inference;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.model.CardSignature;
import io.socstream.core.model.ModelCard;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A live tiny SOC graph and its session: {@code soc = sigmoid(mean_t(sum_f w[f] x[t][f]) + b)}.
 * Built with raw ops, weights held in variables, so exporting it exercises the same path (variables
 * saved and restored) as a trained model. See {@link TinyModelFactory}.
 */
public final class TinyModel implements AutoCloseable {

  private final FeatureSpec spec;
  private final Graph graph;
  private final Session session;
  private final Placeholder<TFloat32> windows;
  private final Operand<TFloat32> soc;

  TinyModel(FeatureSpec spec, float[] weights, float bias) {
    this.spec = spec;
    int steps = spec.windowLength();
    int features = spec.featureCount();
    this.graph = new Graph();
    Ops tf = Ops.create(graph);
    windows =
        tf.withName(CardSignature.DEFAULT_INPUT)
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, steps, 1, features, 1)));
    float[][] column = new float[features][1];
    for (int f = 0; f < features; f++) {
      column[f][0] = weights[f];
    }
    var w = tf.withName("weights").variable(tf.constant(column));
    var b = tf.withName("bias").variable(tf.constant(new float[] {bias}));
    var perStep = tf.linalg.matMul(tf.reshape(windows, tf.constant(new int[] {-1, features})), w);
    var perWindow = tf.reshape(perStep, tf.constant(new int[] {-1, steps}));
    var mean = tf.math.mean(perWindow, tf.constant(1), org.tensorflow.op.math.Mean.keepDims(true));
    soc = tf.withName(CardSignature.DEFAULT_OUTPUT).math.sigmoid(tf.math.add(mean, b));
    this.session = new Session(graph);
  }

  /** The serving signature: {@code windows} in, {@code soc} out. */
  public Signature signature() {
    return Signature.builder()
        .key(CardSignature.DEFAULT_NAME)
        .input(CardSignature.DEFAULT_INPUT, windows)
        .output(CardSignature.DEFAULT_OUTPUT, soc)
        .build();
  }

  /** Runs the graph in this (building) session. */
  public float[] run(float[] values, int batchSize) {
    Shape shape = Shape.of(batchSize, spec.windowLength(), 1, spec.featureCount(), 1);
    try (TFloat32 input = TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
        Result result = session.runner().feed(windows, input).fetch(soc).run()) {
      float[] out = new float[batchSize];
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  /** Exports graph, variables and {@code card} to {@code dir}. */
  public void export(Path dir, ModelCard card) {
    SavedModelWriter.export(dir, session, signature(), card);
  }

  /** The building session, for tests that export with their own signature. */
  public Session session() {
    return session;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
