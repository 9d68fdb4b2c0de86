package io.socstream.export.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Writes a trained model as a SavedModel that holds only the inference function.
 *
 * <p>Why a fresh graph instead of exporting the training session: the training graph also holds the
 * dropout head, the loss, Adam's slots and the restore ops. Rebuilding the dropout-free forward
 * pass on variables set to the trained weights gives a SavedModel with nothing else in it; the
 * variables' initialisers are the trained values too, so a loader that re-runs them loses nothing.
 * The rebuilt pass is {@link ServingForward}: the same function with the convolutions as dense
 * MatMuls, which serves several times faster than the training graph's Conv2D form.
 */
public final class SavedModelExport {

  /** Tag the serving side loads. */
  public static final String TAG = SavedModelBundle.DEFAULT_TAG;

  /** Signature key the serving side calls. */
  public static final String SIGNATURE_KEY = Signature.DEFAULT_KEY;

  /** Input name of the signature and of its placeholder. */
  public static final String INPUT = ConvLstmGraph.INPUT_NAME;

  /** Output name of the signature and of its op. */
  public static final String OUTPUT = ConvLstmGraph.OUTPUT_NAME;

  private SavedModelExport() {}

  /**
   * Exports the current {@link ConvLstmModel#inferenceWeights()} of {@code model} (after training:
   * the best epoch's; the weight average when averaging is on).
   */
  public static void export(ConvLstmModel model, Path directory) throws IOException {
    export(model.config(), model.inferenceWeights(), directory);
  }

  /**
   * Exports a model of {@code config} with {@code weights} to {@code directory} (created; must not
   * hold another SavedModel).
   */
  public static void export(ConvLstmConfig config, Map<String, float[]> weights, Path directory)
      throws IOException {
    for (ParameterSpec spec : ModelLayout.parameters(config)) {
      float[] values = weights.get(spec.name());
      if (values == null || values.length != spec.size()) {
        throw new IllegalArgumentException("missing or misshaped weights for " + spec);
      }
    }
    exportServing(config, ServingForward.parameters(config, weights), directory);
  }

  /**
   * Exports a model of {@code config} from its serving parameters ({@link
   * ServingForward#parameters}), e.g. those read back from an exported SavedModel to write it again
   * with the current serving graph.
   */
  static void exportServing(ConvLstmConfig config, Map<String, float[]> serving, Path directory)
      throws IOException {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> windows = ConvLstmGraph.inputPlaceholder(tf, config);
      Map<String, long[]> shapes = ServingForward.shapes(config);
      Map<String, Variable<TFloat32>> parameters = new LinkedHashMap<>();
      shapes.forEach(
          (name, shape) -> {
            float[] values = serving.get(name);
            if (values == null || values.length != sizeOf(shape)) {
              throw new IllegalArgumentException("missing or misshaped serving parameter " + name);
            }
            parameters.put(name, ConvLstmGraph.variable(tf, name, shape, values));
          });
      Operand<TFloat32> soc =
          tf.withName(OUTPUT).identity(new ServingForward(tf, config, parameters).predict(windows));
      Signature signature =
          Signature.builder().key(SIGNATURE_KEY).input(INPUT, windows).output(OUTPUT, soc).build();
      try (Session session = new Session(graph)) {
        session.initialize();
        SavedModelBundle.exporter(directory.toString())
            .withTags(TAG)
            .withFunction(SessionFunction.create(signature, session))
            .export();
      }
    }
  }

  private static long sizeOf(long[] shape) {
    long size = 1;
    for (long dimension : shape) {
      size *= dimension;
    }
    return size;
  }
}
