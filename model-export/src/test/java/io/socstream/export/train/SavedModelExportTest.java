package io.socstream.export.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

class SavedModelExportTest {

  @TempDir Path temp;

  /**
   * With input noise and weight averaging on, too: neither may leak into the export; in both input
   * layouts, which share the serving input.
   */
  @ParameterizedTest(name = "input noise {0}, weight average decay {1}, {2} layout")
  @CsvSource({"0, 0, WIDTH", "0.3, 0.9, WIDTH", "0, 0, CHANNELS", "0.3, 0.9, CHANNELS"})
  void exportedModelMatchesTheTrainingInferenceHeadAndHasNoRandomOp(
      float inputNoiseStd, float weightAverageDecay, InputLayout layout) throws Exception {
    ConvLstmConfig config =
        SyntheticWindows.tinyConfig()
            .withEpochs(1, 1, 1)
            .withNoiseAndAverage(inputNoiseStd, weightAverageDecay)
            .withInputLayout(layout);
    WindowDataset training = SyntheticWindows.generate(256, 6, 3, 11L);
    WindowDataset probe = SyntheticWindows.generate(50, 6, 3, 12L);
    Path directory = temp.resolve("model");
    float[] expected;
    try (ConvLstmModel model = ConvLstmModel.create(config)) {
      new Trainer(config).train(model, training, probe);
      expected = model.predict(probe.windows(), probe.count());
      SavedModelExport.export(model, directory);
    }

    try (SavedModelBundle bundle = SavedModelBundle.load(directory.toString(), "serve")) {
      Signature signature = bundle.function("serving_default").signature();
      assertThat(signature.inputNames()).containsExactly("windows");
      assertThat(signature.outputNames()).containsExactly("soc");

      float[] first = call(bundle, probe);
      float[] second = call(bundle, probe);
      for (int i = 0; i < expected.length; i++) {
        assertThat(first[i]).isCloseTo(expected[i], within(1e-6f));
      }
      assertThat(second).containsExactly(first);

      List<String> types = new ArrayList<>();
      List<String> names = new ArrayList<>();
      Iterator<GraphOperation> operations = bundle.graph().operations();
      operations.forEachRemaining(
          operation -> {
            types.add(operation.type());
            names.add(operation.name());
          });
      assertThat(types)
          .doesNotContain("RandomUniform", "RandomStandardNormal", "ApplyAdam", "Floor")
          .noneMatch(type -> type.startsWith("Random") || type.startsWith("Stateless"));
      assertThat(names).noneMatch(name -> name.startsWith(ConvLstmGraph.AVERAGE_PREFIX));
    }
  }

  private static float[] call(SavedModelBundle bundle, WindowDataset data) {
    float[] soc = new float[data.count()];
    try (TFloat32 windows =
            TFloat32.tensorOf(
                Shape.of(data.count(), data.windowLength(), 1, data.featureCount(), 1),
                DataBuffers.of(data.windows(), true, false));
        Result result = bundle.call(Map.of("windows", windows))) {
      TFloat32 output = (TFloat32) result.get("soc").orElseThrow();
      assertThat(output.shape().asArray()).containsExactly(data.count(), 1);
      output.copyTo(DataBuffers.of(soc, false, false));
    }
    return soc;
  }
}
