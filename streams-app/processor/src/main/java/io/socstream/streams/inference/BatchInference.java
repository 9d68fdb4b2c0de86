package io.socstream.streams.inference;

import io.socstream.core.features.FeatureWindow;
import io.socstream.core.inference.SocModel;
import io.socstream.streams.ops.SocMetrics;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * One model call for a batch of windows: normalises them with the model card's normalisation into
 * one input, runs the model once and times it. A failure is the model's, not the input's: {@link
 * InferenceFailedException}.
 */
public final class BatchInference {

  private final SocMetrics metrics;
  private final int stride;
  private final Sensor calls;

  /**
   * Registers the {@code model-calls} sensor of task {@code task} (group {@code soc-inference}).
   *
   * @param model a model of the pipeline's feature spec (sets the window's size)
   */
  public BatchInference(SocModel model, SocMetrics metrics, StreamsMetrics streams, String task) {
    this.metrics = metrics;
    this.stride = model.featureSpec().windowLength() * model.featureSpec().featureCount();
    this.calls =
        streams.addRateTotalSensor(
            "soc-inference", task, "model-calls", Sensor.RecordingLevel.INFO);
  }

  /** {@code model}'s output for every window, in order (rollout: the batch's leased model). */
  public float[] predict(SocModel model, List<FeatureWindow> windows) {
    int b = windows.size();
    float[] inputs = new float[b * stride];
    for (int i = 0; i < b; i++) {
      model.normalizeInto(windows.get(i), inputs, i * stride);
    }
    float[] soc;
    long started = System.nanoTime();
    try {
      soc = model.predict(inputs, b);
      metrics.inference(b, System.nanoTime() - started);
    } catch (RuntimeException e) {
      throw new InferenceFailedException(
          "model " + model.modelVersion() + " failed on a batch of " + b + " windows", e);
    }
    if (soc.length != b) {
      throw new InferenceFailedException(
          "model returned " + soc.length + " values for " + b + " windows", null);
    }
    calls.record();
    return soc;
  }
}
