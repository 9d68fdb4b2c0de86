package io.socstream.core.inference;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.model.ModelCard;
import io.socstream.core.model.TrainingFile;
import io.socstream.core.model.TrainingInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.tensorflow.TensorFlow;

/**
 * Builds and exports a tiny deterministic SOC model for tests, until (and besides) a real trained
 * model exists. Ships in soc-core's test-jar.
 *
 * <p>The model computes {@code soc = sigmoid(mean over steps t of (sum_f w[f] * x[t][f]) + b)} with
 * {@link #weights(int)} and {@link #BIAS}, so any output can be checked by hand with {@link
 * #expectedSoc}. Its output lies in (0, 1) like a real SOC.
 */
public final class TinyModelFactory {

  /** The bias {@code b}. */
  public static final float BIAS = 0.2f;

  /** Model version written to the card. */
  public static final String MODEL_VERSION = "tiny-test-model";

  private TinyModelFactory() {}

  /**
   * Exports the tiny model for {@code spec} with a valid card to {@code dir}.
   *
   * @return the card written to {@code dir/model-card.json}
   */
  public static ModelCard export(Path dir, FeatureSpec spec) {
    ModelCard card = card(spec);
    try (TinyModel model = build(spec)) {
      model.export(dir, card);
    }
    return card;
  }

  /** The live graph and session, for comparing with the exported model. Close it. */
  public static TinyModel build(FeatureSpec spec) {
    return new TinyModel(spec, weights(spec.featureCount()), BIAS);
  }

  /** A valid card for the tiny model with plausible normalisation constants. */
  public static ModelCard card(FeatureSpec spec) {
    int features = spec.featureCount();
    float[] mean = new float[features];
    float[] std = new float[features];
    for (int f = 0; f < features; f++) {
      // Voltage-like, current-like and temperature-like scales; only the card checks use them.
      mean[f] = f % 2 == 0 ? 3.7f : -1.5f;
      std[f] = f % 2 == 0 ? 0.3f : 2.0f;
    }
    ObjectNode hyperparameters = JsonNodeFactory.instance.objectNode().put("kind", "tiny-linear");
    TrainingInfo training =
        new TrainingInfo(
            List.of(new TrainingFile("synthetic/none.csv", "0".repeat(64), 0L, "train")),
            42L,
            hyperparameters,
            "TinyModelFactory.export");
    return ModelCard.create(
        MODEL_VERSION,
        Instant.parse("2026-11-27T10:00:00Z"),
        TensorFlow.version(),
        spec,
        mean,
        std,
        training,
        null);
  }

  /** The weights {@code w[f]}: alternating signs, growing magnitude, all exact in float. */
  public static float[] weights(int featureCount) {
    float[] weights = new float[featureCount];
    for (int f = 0; f < featureCount; f++) {
      weights[f] = (f % 2 == 0 ? 0.25f : -0.125f) * (f + 1);
    }
    return weights;
  }

  /** The model's output for one window {@code [step][feature]}, computed in Java (doubles). */
  public static float expectedSoc(float[] window, int windowLength, int featureCount) {
    float[] weights = weights(featureCount);
    double sum = 0;
    for (int t = 0; t < windowLength; t++) {
      for (int f = 0; f < featureCount; f++) {
        sum += weights[f] * window[t * featureCount + f];
      }
    }
    double z = sum / windowLength + BIAS;
    return (float) (1 / (1 + Math.exp(-z)));
  }
}
