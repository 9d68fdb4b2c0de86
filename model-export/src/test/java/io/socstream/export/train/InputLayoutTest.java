package io.socstream.export.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The channels layout: a plain LSTM over the F features of each step, same serving input. */
class InputLayoutTest {

  private final ConvLstmConfig width = SyntheticWindows.tinyConfig();
  private final ConvLstmConfig channels = width.withInputLayout(InputLayout.CHANNELS);

  @Test
  void widthIsTheDefaultAndTheCardRecordsTheLayout() {
    assertThat(ConvLstmConfig.SHIPPED.architecture().inputLayout()).isEqualTo(InputLayout.WIDTH);
    assertThat(width.toMap()).containsEntry("inputLayout", "width").containsEntry("kernelWidth", 3);
    assertThat(channels.toMap())
        .containsEntry("inputLayout", "channels")
        .containsEntry("kernelWidth", 1);
    assertThat(channels.withShape(7, 2).withEpochs(1, 1, 1).withNoiseAndAverage(0.1f, 0.5f))
        .extracting(c -> c.architecture().inputLayout())
        .isEqualTo(InputLayout.CHANNELS);
  }

  @Test
  void parameterShapesFollowTheLayout() {
    // tiny config: T = 6, F = 3, 4 filters (16 gate channels), dense 8, 4, kernel width 3
    assertThat(shapes(width))
        .containsEntry("convlstm_0_input_kernel", List.of(1L, 3L, 1L, 16L))
        .containsEntry("convlstm_0_recurrent_kernel", List.of(1L, 3L, 4L, 16L))
        .containsEntry("dense_0_kernel", List.of(12L, 8L));
    assertThat(shapes(channels))
        .containsEntry("convlstm_0_input_kernel", List.of(1L, 1L, 3L, 16L))
        .containsEntry("convlstm_0_recurrent_kernel", List.of(1L, 1L, 4L, 16L))
        .containsEntry("dense_0_kernel", List.of(4L, 8L));
    // 4 * (3 + 4 + 1) * 4 LSTM + (4 * 8 + 8) + (8 * 4 + 4) + (4 + 1) head
    assertThat(ModelLayout.parameterCount(channels)).isEqualTo(128 + 40 + 36 + 5);
    ConvLstmConfig stacked =
        channels.with(new Architecture(6, 3, 4, 3, 2, List.of(8), InputLayout.CHANNELS));
    assertThat(shapes(stacked)).containsEntry("convlstm_1_input_kernel", List.of(1L, 1L, 4L, 16L));
  }

  @Test
  void channelsLayoutIsAPlainLstmOverTheFeatures() {
    WindowDataset data = SyntheticWindows.generate(40, 6, 3, 31L);
    try (ConvLstmModel model = ConvLstmModel.create(channels)) {
      // A few steps first, so that no weight is still at its initial value.
      for (int step = 0; step < 3; step++) {
        model.trainStep(data.windows(), data.targets(), data.count());
      }
      float[] predicted = model.predict(data.windows(), data.count());
      Map<String, float[]> weights = model.weights();
      for (int window = 0; window < data.count(); window++) {
        assertThat((double) predicted[window])
            .as("window %d", window)
            .isCloseTo(reference(weights, data, window), within(1e-5));
      }
    }
  }

  /** A Java LSTM (gates i, f, c, o as in Keras) and the dense head on one window. */
  private double reference(Map<String, float[]> weights, WindowDataset data, int window) {
    int features = channels.architecture().featureCount();
    int units = channels.architecture().filters();
    float[] inputKernel = weights.get(ModelLayout.inputKernel(0));
    float[] recurrentKernel = weights.get(ModelLayout.recurrentKernel(0));
    float[] bias = weights.get(ModelLayout.gateBias(0));
    double[] hidden = new double[units];
    double[] cell = new double[units];
    for (int step = 0; step < channels.architecture().windowLength(); step++) {
      int base = (window * channels.architecture().windowLength() + step) * features;
      double[] gates = new double[4 * units];
      for (int g = 0; g < gates.length; g++) {
        double z = bias[g];
        for (int f = 0; f < features; f++) {
          z += data.windows()[base + f] * inputKernel[f * gates.length + g];
        }
        for (int h = 0; h < units; h++) {
          z += hidden[h] * recurrentKernel[h * gates.length + g];
        }
        gates[g] = z;
      }
      for (int u = 0; u < units; u++) {
        cell[u] =
            sigmoid(gates[units + u]) * cell[u]
                + sigmoid(gates[u]) * Math.tanh(gates[2 * units + u]);
        hidden[u] = sigmoid(gates[3 * units + u]) * Math.tanh(cell[u]);
      }
    }
    double[] activations = hidden;
    for (int layer = 0; layer < channels.architecture().denseUnits().size(); layer++) {
      activations =
          dense(
              activations,
              weights.get(ModelLayout.denseKernel(layer)),
              weights.get(ModelLayout.denseBias(layer)),
              true);
    }
    return dense(
        activations,
        weights.get(ModelLayout.OUTPUT_KERNEL),
        weights.get(ModelLayout.OUTPUT_BIAS),
        false)[0];
  }

  private static double[] dense(double[] in, float[] kernel, float[] bias, boolean relu) {
    double[] out = new double[bias.length];
    for (int o = 0; o < out.length; o++) {
      double z = bias[o];
      for (int i = 0; i < in.length; i++) {
        z += in[i] * kernel[i * out.length + o];
      }
      out[o] = relu ? Math.max(0, z) : z;
    }
    return out;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  private static Map<String, List<Long>> shapes(ConvLstmConfig config) {
    return ModelLayout.parameters(config).stream()
        .collect(
            Collectors.toMap(
                ParameterSpec::name,
                spec -> java.util.Arrays.stream(spec.shape()).boxed().toList()));
  }
}
