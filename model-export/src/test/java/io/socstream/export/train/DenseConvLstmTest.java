package io.socstream.export.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DenseConvLstmTest {

  /** x · matrix equals the SAME convolution written out from its definition. */
  @ParameterizedTest(name = "k {0}, cin {1}, filters {2}, width {3}")
  @CsvSource({"3, 1, 2, 5", "3, 2, 3, 5", "1, 5, 4, 1", "2, 1, 2, 4", "5, 2, 1, 3"})
  void matrixProductEqualsTheSameConvolution(int k, int cin, int filters, int width) {
    SplittableRandom random = new SplittableRandom(7L * k + cin + width);
    int gateChannels = ModelLayout.GATES * filters;
    float[] kernel = new float[k * cin * gateChannels];
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] = (float) random.nextDouble(-1, 1);
    }
    float[] x = new float[width * cin];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble(-1, 1);
    }

    float[] matrix = DenseConvLstm.kernelMatrix(kernel, k, cin, filters, width);
    int columns = gateChannels * width;
    assertThat(matrix).hasSize(width * cin * columns);

    // TensorFlow SAME, stride 1: output p reads input p - (k - 1) / 2 + tap, zero outside.
    int padLeft = (k - 1) / 2;
    for (int position = 0; position < width; position++) {
      for (int g = 0; g < gateChannels; g++) {
        double expected = 0;
        for (int tap = 0; tap < k; tap++) {
          int source = position - padLeft + tap;
          if (source < 0 || source >= width) {
            continue;
          }
          for (int c = 0; c < cin; c++) {
            expected += x[source * cin + c] * kernel[(tap * cin + c) * gateChannels + g];
          }
        }
        int gate = g / filters;
        int column = (gate * width + position) * filters + g % filters;
        double actual = 0;
        for (int row = 0; row < x.length; row++) {
          actual += x[row] * matrix[row * columns + column];
        }
        assertThat(actual)
            .as("position %d channel %d", position, g)
            .isCloseTo(expected, within(1e-9));
      }
    }
  }

  @ParameterizedTest(name = "filters {0}, width {1}")
  @CsvSource({"2, 5", "3, 1"})
  void biasIsRepeatedAtEveryPositionInGateMajorOrder(int filters, int width) {
    float[] bias = new float[ModelLayout.GATES * filters];
    for (int i = 0; i < bias.length; i++) {
      bias[i] = i + 1;
    }
    float[] tiled = DenseConvLstm.biasVector(bias, filters, width);
    assertThat(tiled).hasSize(bias.length * width);
    for (int gate = 0; gate < ModelLayout.GATES; gate++) {
      for (int position = 0; position < width; position++) {
        for (int f = 0; f < filters; f++) {
          assertThat(tiled[(gate * width + position) * filters + f])
              .isEqualTo(bias[gate * filters + f]);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} values")
  @CsvSource({"11", "13"})
  void rejectsAKernelOfTheWrongSize(int values) {
    assertThatThrownBy(() -> DenseConvLstm.kernelMatrix(new float[values], 3, 1, 1, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 12");
  }
}
