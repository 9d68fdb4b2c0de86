package io.socstream.export.train;

import java.util.List;
import java.util.Objects;

/**
 * The network's shape: what the trained model is.
 *
 * <p>The model sees a window of {@code windowLength} steps. In the {@link InputLayout#WIDTH} layout
 * each step is a 1 x {@code featureCount} "image" with one channel, and every ConvLSTM layer
 * convolves it with 1 x {@code kernelWidth} kernels (SAME padding) into {@code filters} channels;
 * in the {@link InputLayout#CHANNELS} layout each step is a 1 x 1 image with {@code featureCount}
 * channels and the kernels are 1 x 1 (a plain LSTM). The last hidden state is flattened and passed
 * through ReLU dense layers of {@code denseUnits} to one linear output.
 *
 * @param windowLength steps per window (T), set from the feature spec
 * @param featureCount features per step (F), set from the feature spec
 * @param filters channels of every ConvLSTM layer
 * @param kernelWidth width of the 1 x k kernels over the feature axis (the channels layout ignores
 *     it: its kernels are 1 x 1)
 * @param convLstmLayers stacked ConvLSTM layers; all but the last return their full sequence
 * @param denseUnits sizes of the ReLU dense layers after the flatten
 * @param inputLayout how a step's features are read: along the image width or as channels
 */
public record Architecture(
    int windowLength,
    int featureCount,
    int filters,
    int kernelWidth,
    int convLstmLayers,
    List<Integer> denseUnits,
    InputLayout inputLayout) {

  public Architecture {
    ConvLstmConfig.requirePositive("windowLength", windowLength);
    ConvLstmConfig.requirePositive("featureCount", featureCount);
    ConvLstmConfig.requirePositive("filters", filters);
    ConvLstmConfig.requirePositive("kernelWidth", kernelWidth);
    ConvLstmConfig.requirePositive("convLstmLayers", convLstmLayers);
    denseUnits = List.copyOf(denseUnits);
    for (int units : denseUnits) {
      ConvLstmConfig.requirePositive("denseUnits", units);
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

  /** A copy for windows of {@code newWindowLength} steps of {@code newFeatureCount}. */
  public Architecture withShape(int newWindowLength, int newFeatureCount) {
    return new Architecture(
        newWindowLength,
        newFeatureCount,
        filters,
        kernelWidth,
        convLstmLayers,
        denseUnits,
        inputLayout);
  }

  /** A copy that reads the features in {@code newInputLayout}. */
  public Architecture withInputLayout(InputLayout newInputLayout) {
    return new Architecture(
        windowLength,
        featureCount,
        filters,
        kernelWidth,
        convLstmLayers,
        denseUnits,
        newInputLayout);
  }

  /** A copy with another model size. */
  public Architecture withCapacity(int newFilters, List<Integer> newDenseUnits) {
    return new Architecture(
        windowLength,
        featureCount,
        newFilters,
        kernelWidth,
        convLstmLayers,
        newDenseUnits,
        inputLayout);
  }
}
