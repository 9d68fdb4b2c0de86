package io.socstream.export.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConvLstmTrainingTest {

  private final ConvLstmConfig config = SyntheticWindows.tinyConfig();

  @ParameterizedTest(name = "{0} layout")
  @EnumSource(InputLayout.class)
  void lossFallsOverTrainingSteps(InputLayout layout) {
    ConvLstmConfig config = this.config.withInputLayout(layout);
    WindowDataset data = SyntheticWindows.generate(256, 6, 3, 1L);
    int batch = config.schedule().batchSize();
    float[] windows = new float[batch * data.windowSize()];
    float[] targets = new float[batch];
    int[] order = new int[data.count()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    List<Float> losses = new ArrayList<>();
    try (ConvLstmModel model = ConvLstmModel.create(config)) {
      for (int step = 0; step < 60; step++) {
        int from = (step * batch) % data.count();
        int count = data.gather(order, from, from + batch, windows, targets);
        losses.add(model.trainStep(windows, targets, count));
      }
    }
    double first =
        losses.subList(0, 8).stream().mapToDouble(Float::doubleValue).average().orElse(0);
    double last =
        losses.subList(52, 60).stream().mapToDouble(Float::doubleValue).average().orElse(0);
    assertThat(last).isLessThan(first * 0.7);
  }

  @Test
  void trainerRestoresTheBestEpochAndReportsIt() {
    WindowDataset training = SyntheticWindows.generate(512, 6, 3, 2L);
    WindowDataset validation = SyntheticWindows.generate(128, 6, 3, 3L);
    try (ConvLstmModel model = ConvLstmModel.create(config)) {
      Trainer trainer = new Trainer(config);
      TrainingResult result = trainer.train(model, training, validation);

      assertThat(result.history()).hasSize(3);
      assertThat(result.bestValidationMae())
          .isEqualTo(
              result.history().stream().mapToDouble(EpochStats::validationMae).min().orElseThrow());
      assertThat(trainer.meanAbsoluteError(model, validation))
          .isCloseTo(result.bestValidationMae(), within(1e-6));
      Map<String, Object> card = result.toCardMap(config);
      assertThat(card).containsKeys("hyperparameters", "training");
    }
  }

  @Test
  void sameSeedGivesSameWeights() {
    WindowDataset training = SyntheticWindows.generate(128, 6, 3, 4L);
    WindowDataset validation = SyntheticWindows.generate(32, 6, 3, 5L);
    ConvLstmConfig oneEpoch = config.withEpochs(1, 1, 1);
    Map<String, float[]> first;
    Map<String, float[]> second;
    try (ConvLstmModel model = ConvLstmModel.create(oneEpoch)) {
      new Trainer(oneEpoch).train(model, training, validation);
      first = model.weights();
    }
    try (ConvLstmModel model = ConvLstmModel.create(oneEpoch)) {
      new Trainer(oneEpoch).train(model, training, validation);
      second = model.weights();
    }
    assertThat(second.keySet()).containsExactlyElementsOf(first.keySet());
    first.forEach((name, values) -> assertThat(second.get(name)).as(name).containsExactly(values));
  }

  @Test
  void earlyStoppingEndsARunWhoseValidationMaeNoLongerImproves() {
    // A learning rate far below float resolution freezes the weights, so the validation MAE of
    // epoch 1 is never beaten.
    ConvLstmConfig frozen =
        config
            .with(new Schedule(1e-20f, 32, 50, 4, 2, 0.5f, 1e-30f, Schedule.UNLIMITED))
            .withSeed(7L);
    WindowDataset training = SyntheticWindows.generate(64, 6, 3, 6L);
    WindowDataset validation = SyntheticWindows.generate(32, 6, 3, 7L);
    try (ConvLstmModel model = ConvLstmModel.create(frozen)) {
      TrainingResult result = new Trainer(frozen).train(model, training, validation);

      assertThat(result.stopReason()).isEqualTo(TrainingResult.StopReason.EARLY_STOPPING);
      assertThat(result.bestEpoch()).isEqualTo(1);
      assertThat(result.history()).hasSize(1 + 4);
      // plateau patience 2: the rate is halved after epoch 3
      assertThat(result.history().get(3).learningRate())
          .isEqualTo(result.history().get(0).learningRate() * 0.5f);
    }
  }
}
