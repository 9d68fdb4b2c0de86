package io.socstream.export.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The serving graph computes the training graph's inference head, for stacked layers too. */
class ServingForwardTest {

  @ParameterizedTest(name = "{0} layers, {1} filters, kernel {2}, layout {3}")
  @CsvSource({"2, 3, 3, WIDTH", "3, 2, 1, WIDTH", "2, 4, 1, CHANNELS"})
  void servingGraphEqualsTheTrainingInferenceHead(
      int layers, int filters, int kernel, InputLayout layout) {
    int steps = 7;
    int features = 5;
    ConvLstmConfig config =
        new ConvLstmConfig(
            new Architecture(steps, features, filters, kernel, layers, List.of(6), layout),
            new Regularisation(0.3f, 0f, 0f, 0f),
            new Schedule(1e-3f, 8, 1, 1, 1, 0.5f, 1e-6f, Schedule.UNLIMITED),
            5L);
    Map<String, float[]> weights = ModelLayout.initialValues(config);
    int batch = 9;
    float[] windows = new float[batch * steps * features];
    SplittableRandom random = new SplittableRandom(3L);
    for (int i = 0; i < windows.length; i++) {
      windows[i] = (float) random.nextDouble(-2, 2);
    }

    try (Graph graph = new Graph();
        Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> input =
          tf.constant(Shape.of(batch, steps, 1, features, 1), DataBuffers.of(windows, true, false));
      Map<String, Operand<TFloat32>> training = new LinkedHashMap<>();
      for (ParameterSpec spec : ModelLayout.parameters(config)) {
        training.put(spec.name(), constant(tf, spec.shape(), weights.get(spec.name())));
      }
      Map<String, Operand<TFloat32>> serving = new LinkedHashMap<>();
      Map<String, long[]> shapes = ServingForward.shapes(config);
      ServingForward.parameters(config, weights)
          .forEach((name, values) -> serving.put(name, constant(tf, shapes.get(name), values)));
      Operand<TFloat32> expected = new ConvLstmForward(tf, config, training).predict(input, false);
      Operand<TFloat32> actual = new ServingForward(tf, config, serving).predict(input);

      try (Result result = session.runner().fetch(expected).fetch(actual).run()) {
        float[] want = new float[batch];
        float[] got = new float[batch];
        ((TFloat32) result.get(0)).copyTo(DataBuffers.of(want, false, false));
        ((TFloat32) result.get(1)).copyTo(DataBuffers.of(got, false, false));
        for (int i = 0; i < batch; i++) {
          assertThat(got[i]).as("window %d", i).isCloseTo(want[i], within(1e-5f));
        }
        assertThat(want).as("a non-trivial output").doesNotContain(0f);
      }
    }
  }

  @Test
  void stepMatrixStacksInputOverRecurrentWithTheCandidateColumnsDoubled() {
    int filters = 2;
    int width = 5;
    ConvLstmConfig config =
        ConvLstmConfig.shipped(4, width)
            .with(
                ConvLstmConfig.shipped(4, width).architecture().withCapacity(filters, List.of(3)));
    Map<String, float[]> weights = ModelLayout.initialValues(config);
    float[] input =
        DenseConvLstm.kernelMatrix(weights.get(ModelLayout.inputKernel(0)), 3, 1, filters, width);
    float[] recurrent =
        DenseConvLstm.kernelMatrix(
            weights.get(ModelLayout.recurrentKernel(0)), 3, filters, filters, width);
    float[] bias = DenseConvLstm.biasVector(weights.get(ModelLayout.gateBias(0)), filters, width);
    Map<String, float[]> serving = ServingForward.parameters(config, weights);

    int columns = ModelLayout.GATES * width * filters;
    float[] step = serving.get(ServingForward.stepMatrix(0));
    assertThat(step).hasSize(input.length + recurrent.length);
    assertThat(ServingForward.shapes(config).get(ServingForward.stepMatrix(0)))
        .containsExactly(width + width * filters, columns);
    for (int i = 0; i < step.length; i++) {
      float dense = i < input.length ? input[i] : recurrent[i - input.length];
      int gate = (i % columns) / (width * filters);
      float factor = gate == ModelLayout.CANDIDATE_GATE ? 2f : 1f;
      assertThat(step[i]).as("element %d (gate %d)", i, gate).isEqualTo(factor * dense);
    }
    float[] stepBias = serving.get(ServingForward.stepBias(0));
    for (int i = 0; i < columns; i++) {
      float factor = i / (width * filters) == ModelLayout.CANDIDATE_GATE ? 2f : 1f;
      assertThat(stepBias[i]).as("bias %d", i).isEqualTo(factor * bias[i]);
    }
    assertThat(bias).as("a non-trivial bias (forget gate ones)").contains(1f);
  }

  private static Operand<TFloat32> constant(Ops tf, long[] shape, float[] values) {
    return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
  }
}
