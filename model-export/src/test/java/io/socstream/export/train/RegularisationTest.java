package io.socstream.export.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Input noise and weight averaging: off changes nothing, on does what it says. */
class RegularisationTest {

  @TempDir Path temp;

  private final ConvLstmConfig config = SyntheticWindows.tinyConfig();

  @Test
  void defaultsAreOffAndRecordedOnTheCard() {
    assertThat(config.regularisation().inputNoiseStd()).isZero();
    assertThat(config.regularisation().weightAverageDecay()).isZero();
    assertThat(config.withNoiseAndAverage(0f, 0f)).isEqualTo(config);
    assertThat(config.toMap())
        .containsEntry("inputNoiseStd", 0f)
        .containsEntry("weightAverageDecay", 0f);
    ConvLstmConfig on = config.withNoiseAndAverage(0.2f, 0.99f);
    assertThat(on.withShape(7, 2).withEpochs(1, 1, 1).withSeed(3L).regularisation())
        .extracting(Regularisation::inputNoiseStd, Regularisation::weightAverageDecay)
        .containsExactly(0.2f, 0.99f);
    assertThatThrownBy(() -> config.withNoiseAndAverage(-0.1f, 0f))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> config.withNoiseAndAverage(0f, 1f))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void optionsOffAddNothingToTheGraph() {
    try (ConvLstmModel model = ConvLstmModel.create(config)) {
      List<String> types = new ArrayList<>();
      List<String> names = new ArrayList<>();
      ConvLstmGraph graph = graphOf(model);
      graph.graph.operations().forEachRemaining(op -> types.add(op.type()));
      graph.graph.operations().forEachRemaining(op -> names.add(op.name()));
      assertThat(types).doesNotContain("RandomStandardNormal");
      assertThat(names).noneMatch(name -> name.startsWith(ConvLstmGraph.AVERAGE_PREFIX));
      assertThat(graph.inference).isSameAs(graph.rawInference);
    }
  }

  @Test
  void inputNoiseChangesTheTrainingLossOnlyAndRepeatsWithTheSeed() {
    WindowDataset data = SyntheticWindows.generate(64, 6, 3, 21L);
    ConvLstmConfig noisy = config.withNoiseAndAverage(0.5f, 0f);
    float clean;
    float[] cleanPredictions;
    try (ConvLstmModel model = ConvLstmModel.create(config)) {
      cleanPredictions = model.predict(data.windows(), data.count());
      clean = model.trainStep(data.windows(), data.targets(), data.count());
    }
    float[] noisyLosses = new float[2];
    for (int run = 0; run < 2; run++) {
      try (ConvLstmModel model = ConvLstmModel.create(noisy)) {
        // Same initial weights, noise-free inference head: identical predictions.
        assertThat(model.predict(data.windows(), data.count())).containsExactly(cleanPredictions);
        noisyLosses[run] = model.trainStep(data.windows(), data.targets(), data.count());
      }
    }
    assertThat(noisyLosses[0]).isNotEqualTo(clean);
    assertThat(noisyLosses[1]).isEqualTo(noisyLosses[0]);
  }

  @Test
  void averageFollowsTheBiasCorrectedEmaOfTheWeightsAfterEveryStep() throws Exception {
    double decay = 0.8;
    ConvLstmConfig averaged = config.withNoiseAndAverage(0f, (float) decay);
    WindowDataset data = SyntheticWindows.generate(96, 6, 3, 22L);
    int batch = averaged.schedule().batchSize();
    float[] windows = new float[batch * data.windowSize()];
    float[] targets = new float[batch];
    int[] order = new int[data.count()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Path directory = temp.resolve("averaged");
    float[] predicted;
    Map<String, float[]> exported;
    try (ConvLstmModel model = ConvLstmModel.create(averaged)) {
      Map<String, float[]> initial = model.weights();
      // Before any step the average is the initial weights.
      assertEqual(model.inferenceWeights(), toDouble(initial), 0);

      // Java reference: shadow_n = sum_k (1 - d) d^(n-k) w_k / (1 - d^n), as a running sum.
      Map<String, double[]> sum = new LinkedHashMap<>();
      initial.forEach((name, values) -> sum.put(name, new double[values.length]));
      int steps = 12;
      for (int n = 1; n <= steps; n++) {
        int from = ((n - 1) * batch) % data.count();
        data.gather(order, from, from + batch, windows, targets);
        model.trainStep(windows, targets, batch);
        Map<String, float[]> w = model.weights();
        double normaliser = 1 - Math.pow(decay, n);
        Map<String, double[]> expected = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> entry : sum.entrySet()) {
          double[] s = entry.getValue();
          float[] current = w.get(entry.getKey());
          double[] e = new double[s.length];
          for (int i = 0; i < s.length; i++) {
            s[i] = decay * s[i] + (1 - decay) * current[i];
            e[i] = s[i] / normaliser;
          }
          expected.put(entry.getKey(), e);
        }
        // Step 1: b = 0, the average is exactly the weights.
        assertEqual(model.inferenceWeights(), n == 1 ? toDouble(w) : expected, n == 1 ? 0 : 1e-6);
      }
      // The average lags the weights: it is not the trained weights themselves.
      assertThat(model.inferenceWeights().get(ModelLayout.OUTPUT_KERNEL))
          .isNotEqualTo(model.weights().get(ModelLayout.OUTPUT_KERNEL));

      // predict() uses the averaged weights: a plain model set to them predicts the same.
      predicted = model.predict(data.windows(), data.count());
      exported = model.inferenceWeights();
      try (ConvLstmModel plain = ConvLstmModel.create(config)) {
        plain.setWeights(exported);
        float[] reference = plain.predict(data.windows(), data.count());
        for (int i = 0; i < predicted.length; i++) {
          assertThat(predicted[i]).isCloseTo(reference[i], within(1e-6f));
        }
      }
      SavedModelExport.export(model, directory);
    }

    // The export serves the averaged weights, in their dense serving form.
    Map<String, float[]> served = ServingForward.parameters(averaged, exported);
    try (SavedModelBundle bundle = SavedModelBundle.load(directory.toString(), "serve")) {
      Session.Runner runner = bundle.session().runner();
      served.keySet().forEach(runner::fetch);
      try (Result result = runner.run()) {
        int index = 0;
        for (Map.Entry<String, float[]> entry : served.entrySet()) {
          float[] values = new float[entry.getValue().length];
          ((TFloat32) result.get(index++)).copyTo(DataBuffers.of(values, false, false));
          assertThat(values).as(entry.getKey()).containsExactly(entry.getValue());
        }
      }
    }
  }

  @Test
  void trainerValidatesCheckpointsAndRestoresTheAverage() {
    ConvLstmConfig averaged = config.withNoiseAndAverage(0.1f, 0.9f);
    WindowDataset training = SyntheticWindows.generate(256, 6, 3, 23L);
    WindowDataset validation = SyntheticWindows.generate(64, 6, 3, 24L);
    try (ConvLstmModel model = ConvLstmModel.create(averaged)) {
      Trainer trainer = new Trainer(averaged);
      TrainingResult result = trainer.train(model, training, validation);

      assertThat(trainer.meanAbsoluteError(model, validation))
          .isCloseTo(result.bestValidationMae(), within(1e-6));
      // setWeights put the best average into the weights and the averages alike.
      Map<String, float[]> weights = model.weights();
      model
          .inferenceWeights()
          .forEach(
              (name, values) -> assertThat(weights.get(name)).as(name).containsExactly(values));
      assertThat(result.toCardMap(averaged).get("hyperparameters"))
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("inputNoiseStd", 0.1f)
          .containsEntry("weightAverageDecay", 0.9f);
    }
  }

  private static ConvLstmGraph graphOf(ConvLstmModel model) {
    return model.graph();
  }

  private static Map<String, double[]> toDouble(Map<String, float[]> weights) {
    Map<String, double[]> doubles = new LinkedHashMap<>();
    weights.forEach(
        (name, values) -> {
          double[] d = new double[values.length];
          for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
          }
          doubles.put(name, d);
        });
    return doubles;
  }

  private static void assertEqual(
      Map<String, float[]> actual, Map<String, double[]> expected, double tolerance) {
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach(
        (name, values) -> {
          float[] got = actual.get(name);
          for (int i = 0; i < values.length; i++) {
            assertThat((double) got[i])
                .as("%s[%d]", name, i)
                .isCloseTo(values[i], within(tolerance));
          }
        });
  }
}
