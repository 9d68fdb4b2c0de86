package io.socstream.export.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hyperparameters of the ConvLSTM SOC model and of its training run.
 *
 * <p>The model sees a window of {@code windowLength} steps. In the {@link InputLayout#WIDTH} layout
 * each step is a 1 x {@code featureCount} "image" with one channel, and every ConvLSTM layer
 * convolves it with 1 x {@code kernelWidth} kernels (SAME padding) into {@code filters} channels;
 * in the {@link InputLayout#CHANNELS} layout each step is a 1 x 1 image with {@code featureCount}
 * channels and the kernels are 1 x 1 (a plain LSTM). The last hidden state is flattened and passed
 * through ReLU dense layers of {@code denseUnits} (each followed by dropout) to one linear output.
 *
 * @param windowLength steps per window (T)
 * @param featureCount features per step (F)
 * @param filters channels of every ConvLSTM layer
 * @param kernelWidth width of the 1 x k kernels over the feature axis (odd keeps SAME symmetric);
 *     the channels layout ignores it (its kernels are 1 x 1)
 * @param convLstmLayers stacked ConvLSTM layers; all but the last return their full sequence
 * @param denseUnits sizes of the ReLU dense layers after the flatten
 * @param dropout fraction of dense activations dropped while training, in [0, 1)
 * @param l2 L2 penalty on the dense kernels (Keras convention: {@code l2 * sum(w^2)})
 * @param learningRate initial Adam learning rate
 * @param batchSize mini-batch size
 * @param maxEpochs upper bound on epochs
 * @param earlyStoppingPatience epochs without a better validation MAE before stopping
 * @param plateauPatience epochs without a better validation MAE before the learning rate is cut
 * @param plateauFactor factor the learning rate is multiplied by on a plateau, in (0, 1)
 * @param minLearningRate the learning rate is never cut below this
 * @param seed seeds weight initialisation, dropout, input noise and batch shuffling
 * @param inputNoiseStd standard deviation of the Gaussian noise added to the (normalised) input
 *     windows of the training head only, in normalised feature units; 0 = off. The inference head
 *     and the exported model never see it.
 * @param weightAverageDecay decay {@code d} of an exponential moving average of the weights, in [0,
 *     1); 0 = off. When on, the average is updated after every training step, and validation,
 *     best-epoch checkpointing, {@link ConvLstmModel#predict} and the export use the averaged
 *     weights (see {@link ConvLstmGraph}).
 * @param inputLayout how a step's features are read: along the image width or as channels
 */
public record ConvLstmConfig(
    int windowLength,
    int featureCount,
    int filters,
    int kernelWidth,
    int convLstmLayers,
    List<Integer> denseUnits,
    float dropout,
    float l2,
    float learningRate,
    int batchSize,
    int maxEpochs,
    int earlyStoppingPatience,
    int plateauPatience,
    float plateauFactor,
    float minLearningRate,
    long seed,
    float inputNoiseStd,
    float weightAverageDecay,
    InputLayout inputLayout) {

  /**
   * A configuration in the {@link InputLayout#WIDTH} layout, without input noise and without weight
   * averaging.
   */
  public ConvLstmConfig(
      int windowLength,
      int featureCount,
      int filters,
      int kernelWidth,
      int convLstmLayers,
      List<Integer> denseUnits,
      float dropout,
      float l2,
      float learningRate,
      int batchSize,
      int maxEpochs,
      int earlyStoppingPatience,
      int plateauPatience,
      float plateauFactor,
      float minLearningRate,
      long seed) {
    this(
        windowLength,
        featureCount,
        filters,
        kernelWidth,
        convLstmLayers,
        denseUnits,
        dropout,
        l2,
        learningRate,
        batchSize,
        maxEpochs,
        earlyStoppingPatience,
        plateauPatience,
        plateauFactor,
        minLearningRate,
        seed,
        0f,
        0f,
        InputLayout.WIDTH);
  }

  /** The production defaults for a window of {@code windowLength} steps of {@code featureCount}. */
  public static ConvLstmConfig defaults(int windowLength, int featureCount) {
    return new ConvLstmConfig(
        windowLength,
        featureCount,
        16,
        3,
        1,
        List.of(64, 32),
        0.3f,
        1e-4f,
        1e-3f,
        256,
        100,
        10,
        4,
        0.5f,
        1e-6f,
        42L);
  }

  public ConvLstmConfig {
    requirePositive("windowLength", windowLength);
    requirePositive("featureCount", featureCount);
    requirePositive("filters", filters);
    requirePositive("kernelWidth", kernelWidth);
    requirePositive("convLstmLayers", convLstmLayers);
    requirePositive("batchSize", batchSize);
    requirePositive("maxEpochs", maxEpochs);
    requirePositive("earlyStoppingPatience", earlyStoppingPatience);
    requirePositive("plateauPatience", plateauPatience);
    denseUnits = List.copyOf(denseUnits);
    for (int units : denseUnits) {
      requirePositive("denseUnits", units);
    }
    if (!(dropout >= 0f && dropout < 1f)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
    }
    if (!(l2 >= 0f)) {
      throw new IllegalArgumentException("l2 must be >= 0, was " + l2);
    }
    if (!(learningRate > 0f)) {
      throw new IllegalArgumentException("learningRate must be > 0, was " + learningRate);
    }
    if (!(plateauFactor > 0f && plateauFactor < 1f)) {
      throw new IllegalArgumentException("plateauFactor must be in (0, 1), was " + plateauFactor);
    }
    if (!(minLearningRate > 0f && minLearningRate <= learningRate)) {
      throw new IllegalArgumentException(
          "minLearningRate must be in (0, learningRate], was " + minLearningRate);
    }
    if (!(inputNoiseStd >= 0f && Float.isFinite(inputNoiseStd))) {
      throw new IllegalArgumentException("inputNoiseStd must be >= 0, was " + inputNoiseStd);
    }
    if (!(weightAverageDecay >= 0f && weightAverageDecay < 1f)) {
      throw new IllegalArgumentException(
          "weightAverageDecay must be in [0, 1), was " + weightAverageDecay);
    }
    Objects.requireNonNull(inputLayout, "inputLayout");
  }

  /** Width of the image one step is read as: F in the width layout, 1 in the channels layout. */
  public int imageWidth() {
    return inputLayout == InputLayout.WIDTH ? featureCount : 1;
  }

  /** Channels of that image: 1 in the width layout, F in the channels layout. */
  public int inputChannels() {
    return inputLayout == InputLayout.WIDTH ? 1 : featureCount;
  }

  /**
   * Width of the ConvLSTM kernels the model has: {@code kernelWidth} in the width layout, 1 in the
   * channels layout (a wider kernel would only see SAME padding beside the 1 x 1 image).
   */
  public int effectiveKernelWidth() {
    return inputLayout == InputLayout.WIDTH ? kernelWidth : 1;
  }

  /** A copy that reads the features in {@code newInputLayout}. */
  public ConvLstmConfig withInputLayout(InputLayout newInputLayout) {
    return new ConvLstmConfig(
        windowLength,
        featureCount,
        filters,
        kernelWidth,
        convLstmLayers,
        denseUnits,
        dropout,
        l2,
        learningRate,
        batchSize,
        maxEpochs,
        earlyStoppingPatience,
        plateauPatience,
        plateauFactor,
        minLearningRate,
        seed,
        inputNoiseStd,
        weightAverageDecay,
        newInputLayout);
  }

  /** Whether an exponential moving average of the weights is kept (and used for inference). */
  public boolean averagesWeights() {
    return weightAverageDecay > 0f;
  }

  /** A copy with other input noise and weight averaging (0 turns either off). */
  public ConvLstmConfig withRegularisation(float newInputNoiseStd, float newWeightAverageDecay) {
    return new ConvLstmConfig(
        windowLength,
        featureCount,
        filters,
        kernelWidth,
        convLstmLayers,
        denseUnits,
        dropout,
        l2,
        learningRate,
        batchSize,
        maxEpochs,
        earlyStoppingPatience,
        plateauPatience,
        plateauFactor,
        minLearningRate,
        seed,
        newInputNoiseStd,
        newWeightAverageDecay,
        inputLayout);
  }

  /** A copy with another window length and feature count. */
  public ConvLstmConfig withShape(int newWindowLength, int newFeatureCount) {
    return new ConvLstmConfig(
        newWindowLength,
        newFeatureCount,
        filters,
        kernelWidth,
        convLstmLayers,
        denseUnits,
        dropout,
        l2,
        learningRate,
        batchSize,
        maxEpochs,
        earlyStoppingPatience,
        plateauPatience,
        plateauFactor,
        minLearningRate,
        seed,
        inputNoiseStd,
        weightAverageDecay,
        inputLayout);
  }

  /** A copy with other stopping rules, for short runs. */
  public ConvLstmConfig withSchedule(
      int newMaxEpochs, int newEarlyStoppingPatience, int newPlateauPatience) {
    return new ConvLstmConfig(
        windowLength,
        featureCount,
        filters,
        kernelWidth,
        convLstmLayers,
        denseUnits,
        dropout,
        l2,
        learningRate,
        batchSize,
        newMaxEpochs,
        newEarlyStoppingPatience,
        newPlateauPatience,
        plateauFactor,
        minLearningRate,
        seed,
        inputNoiseStd,
        weightAverageDecay,
        inputLayout);
  }

  /** A copy with another model size and batch size. */
  public ConvLstmConfig withCapacity(
      int newFilters, List<Integer> newDenseUnits, int newBatchSize) {
    return new ConvLstmConfig(
        windowLength,
        featureCount,
        newFilters,
        kernelWidth,
        convLstmLayers,
        newDenseUnits,
        dropout,
        l2,
        learningRate,
        newBatchSize,
        maxEpochs,
        earlyStoppingPatience,
        plateauPatience,
        plateauFactor,
        minLearningRate,
        seed,
        inputNoiseStd,
        weightAverageDecay,
        inputLayout);
  }

  /** The hyperparameters as plain values, in a stable order, for the model card. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("windowLength", windowLength);
    map.put("featureCount", featureCount);
    map.put("filters", filters);
    map.put("inputLayout", inputLayout.label());
    map.put("kernelWidth", effectiveKernelWidth());
    map.put("convLstmLayers", convLstmLayers);
    map.put("denseUnits", denseUnits);
    map.put("dropout", dropout);
    map.put("l2", l2);
    map.put("learningRate", learningRate);
    map.put("batchSize", batchSize);
    map.put("maxEpochs", maxEpochs);
    map.put("earlyStoppingPatience", earlyStoppingPatience);
    map.put("plateauPatience", plateauPatience);
    map.put("plateauFactor", plateauFactor);
    map.put("minLearningRate", minLearningRate);
    map.put("seed", seed);
    map.put("inputNoiseStd", inputNoiseStd);
    map.put("weightAverageDecay", weightAverageDecay);
    return map;
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + value);
    }
  }
}
