package io.socstream.export.train;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that defines the ConvLSTM SOC model and its training run, as four small parts: the
 * {@link Architecture} (what the model is), the {@link Regularisation}, the {@link Schedule} (how
 * long and how fast it trains) and the seed.
 *
 * @param architecture the network's shape
 * @param regularisation dropout, L2, input noise, weight averaging
 * @param schedule learning rate, batches, epochs, plateaus, time budget
 * @param seed seeds weight initialisation, dropout, input noise and batch shuffling
 */
public record ConvLstmConfig(
    Architecture architecture, Regularisation regularisation, Schedule schedule, long seed) {

  /**
   * The shipped model's settings (model-export/model, see its card): 8 filters, width layout, 64-32
   * head without dropout, input noise 0.05, weight average 0.999, Adam 1e-3 at batch 512, up to 120
   * epochs (early stop 12, learning-rate cut after 5), 55 minutes, seed 7; shaped for {@link
   * io.socstream.core.features.FeatureSpec#defaults()} (T = 30, F = 6).
   */
  public static final ConvLstmConfig SHIPPED =
      new ConvLstmConfig(
          new Architecture(30, 6, 8, 3, 1, List.of(64, 32), InputLayout.WIDTH),
          new Regularisation(0f, 1e-4f, 0.05f, 0.999f),
          new Schedule(1e-3f, 512, 120, 12, 5, 0.5f, 1e-6f, Duration.ofMinutes(55)),
          7L);

  public ConvLstmConfig {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(regularisation, "regularisation");
    Objects.requireNonNull(schedule, "schedule");
  }

  /** The shipped settings for windows of {@code windowLength} steps of {@code featureCount}. */
  public static ConvLstmConfig shipped(int windowLength, int featureCount) {
    return SHIPPED.withShape(windowLength, featureCount);
  }

  /** A copy with another architecture. */
  public ConvLstmConfig with(Architecture newArchitecture) {
    return new ConvLstmConfig(newArchitecture, regularisation, schedule, seed);
  }

  /** A copy with another regularisation. */
  public ConvLstmConfig with(Regularisation newRegularisation) {
    return new ConvLstmConfig(architecture, newRegularisation, schedule, seed);
  }

  /** A copy with another schedule. */
  public ConvLstmConfig with(Schedule newSchedule) {
    return new ConvLstmConfig(architecture, regularisation, newSchedule, seed);
  }

  /** A copy with another seed. */
  public ConvLstmConfig withSeed(long newSeed) {
    return new ConvLstmConfig(architecture, regularisation, schedule, newSeed);
  }

  /** A copy with another window length and feature count. */
  public ConvLstmConfig withShape(int newWindowLength, int newFeatureCount) {
    return with(architecture.withShape(newWindowLength, newFeatureCount));
  }

  /** A copy that reads the features in {@code layout}. */
  public ConvLstmConfig withInputLayout(InputLayout layout) {
    return with(architecture.withInputLayout(layout));
  }

  /** A copy with other input noise and weight averaging (0 turns either off). */
  public ConvLstmConfig withNoiseAndAverage(float inputNoiseStd, float weightAverageDecay) {
    return with(regularisation.withNoiseAndAverage(inputNoiseStd, weightAverageDecay));
  }

  /** A copy with other stopping rules, for short runs. */
  public ConvLstmConfig withEpochs(int maxEpochs, int earlyStopping, int plateauPatience) {
    return with(schedule.withEpochs(maxEpochs, earlyStopping, plateauPatience));
  }

  /**
   * The hyperparameters as plain values, flat and in a stable order, for the model card (the keys
   * the cards have always had, plus {@code timeBudgetSeconds}).
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("windowLength", architecture.windowLength());
    map.put("featureCount", architecture.featureCount());
    map.put("filters", architecture.filters());
    map.put("inputLayout", architecture.inputLayout().label());
    map.put("kernelWidth", architecture.effectiveKernelWidth());
    map.put("convLstmLayers", architecture.convLstmLayers());
    map.put("denseUnits", architecture.denseUnits());
    map.put("dropout", regularisation.dropout());
    map.put("l2", regularisation.l2());
    map.put("learningRate", schedule.learningRate());
    map.put("batchSize", schedule.batchSize());
    map.put("maxEpochs", schedule.maxEpochs());
    map.put("earlyStoppingPatience", schedule.earlyStoppingPatience());
    map.put("plateauPatience", schedule.plateauPatience());
    map.put("plateauFactor", schedule.plateauFactor());
    map.put("minLearningRate", schedule.minLearningRate());
    map.put("seed", seed);
    map.put("inputNoiseStd", regularisation.inputNoiseStd());
    map.put("weightAverageDecay", regularisation.weightAverageDecay());
    map.put("timeBudgetSeconds", schedule.timeBudget().toSeconds());
    return map;
  }

  static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + value);
    }
  }
}
