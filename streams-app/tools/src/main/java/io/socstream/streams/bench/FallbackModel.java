package io.socstream.streams.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.inference.SavedModelWriter;
import io.socstream.core.model.CardSignature;
import io.socstream.core.model.ModelCard;
import io.socstream.core.model.TrainingFile;
import io.socstream.core.model.TrainingInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The stand-in model when no trained model is shipped: like soc-core's test {@code TinyModel}, a
 * linear map of every step followed by a mean over the window and a sigmoid, with the shipped
 * model's input shape {@code [-1, T, 1, F, 1]} and card. Far cheaper than the ConvLSTM: numbers
 * measured with it bound the stream's own cost, not the model's. {@code bench.json} marks it.
 */
final class FallbackModel {

  static final String MODEL_VERSION = "bench-fallback-linear";

  private FallbackModel() {}

  /** Exports the stand-in for {@code spec} (with its card) to {@code dir}. */
  static void export(Path dir, FeatureSpec spec) {
    int steps = spec.windowLength();
    int features = spec.featureCount();
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> windows =
          tf.withName(CardSignature.DEFAULT_INPUT)
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, steps, 1, features, 1)));
      float[][] column = new float[features][1];
      for (int f = 0; f < features; f++) {
        column[f][0] = (f % 2 == 0 ? 0.25f : -0.125f) * (f + 1);
      }
      var w = tf.withName("weights").variable(tf.constant(column));
      var b = tf.withName("bias").variable(tf.constant(new float[] {0.2f}));
      var perStep = tf.linalg.matMul(tf.reshape(windows, tf.constant(new int[] {-1, features})), w);
      var perWindow = tf.reshape(perStep, tf.constant(new int[] {-1, steps}));
      var mean =
          tf.math.mean(perWindow, tf.constant(1), org.tensorflow.op.math.Mean.keepDims(true));
      Operand<TFloat32> soc =
          tf.withName(CardSignature.DEFAULT_OUTPUT).math.sigmoid(tf.math.add(mean, b));
      try (Session session = new Session(graph)) {
        Signature signature =
            Signature.builder()
                .key(CardSignature.DEFAULT_NAME)
                .input(CardSignature.DEFAULT_INPUT, windows)
                .output(CardSignature.DEFAULT_OUTPUT, soc)
                .build();
        SavedModelWriter.export(dir, session, signature, card(spec));
      }
    }
  }

  private static ModelCard card(FeatureSpec spec) {
    int features = spec.featureCount();
    float[] mean = new float[features];
    float[] std = new float[features];
    for (int f = 0; f < features; f++) {
      // Voltage-like and current-like scales (temperature uses the voltage slot's; harmless here).
      mean[f] = f % 2 == 0 ? 3.7f : -1.5f;
      std[f] = f % 2 == 0 ? 0.3f : 2.0f;
    }
    TrainingInfo training =
        new TrainingInfo(
            List.of(new TrainingFile("synthetic/none.csv", "0".repeat(64), 0L, "train")),
            42L,
            JsonNodeFactory.instance.objectNode().put("kind", "bench-fallback-linear"),
            "soc bench (no shipped model found)");
    return ModelCard.create(
        MODEL_VERSION,
        Instant.now(),
        org.tensorflow.TensorFlow.version(),
        spec,
        mean,
        std,
        training,
        null);
  }
}
