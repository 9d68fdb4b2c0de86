package io.socstream.export.train;

/**
 * What keeps the model from fitting the training cycles too closely.
 *
 * @param dropout fraction of dense activations dropped while training, in [0, 1)
 * @param l2 L2 penalty on the dense kernels (Keras convention: {@code l2 * sum(w^2)})
 * @param inputNoiseStd standard deviation of the Gaussian noise added to the (normalised) input
 *     windows of the training head only; 0 = off. The exported model never sees it.
 * @param weightAverageDecay decay {@code d} of an exponential moving average of the weights, in [0,
 *     1); 0 = off. When on, the average is updated after every training step, and validation,
 *     best-epoch checkpointing, {@link ConvLstmModel#predict} and the export use the averaged
 *     weights (see {@link ConvLstmGraph}).
 */
public record Regularisation(
    float dropout, float l2, float inputNoiseStd, float weightAverageDecay) {

  /** Nothing but the default L2 penalty 1e-4. */
  public static final Regularisation L2_ONLY = new Regularisation(0f, 1e-4f, 0f, 0f);

  public Regularisation {
    if (!(dropout >= 0f && dropout < 1f)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
    }
    if (!(l2 >= 0f)) {
      throw new IllegalArgumentException("l2 must be >= 0, was " + l2);
    }
    if (!(inputNoiseStd >= 0f && Float.isFinite(inputNoiseStd))) {
      throw new IllegalArgumentException("inputNoiseStd must be >= 0, was " + inputNoiseStd);
    }
    if (!(weightAverageDecay >= 0f && weightAverageDecay < 1f)) {
      throw new IllegalArgumentException(
          "weightAverageDecay must be in [0, 1), was " + weightAverageDecay);
    }
  }

  /** Whether an exponential moving average of the weights is kept (and used for inference). */
  public boolean averagesWeights() {
    return weightAverageDecay > 0f;
  }

  /** A copy with other input noise and weight averaging (0 turns either off). */
  public Regularisation withNoiseAndAverage(float newInputNoiseStd, float newWeightAverageDecay) {
    return new Regularisation(dropout, l2, newInputNoiseStd, newWeightAverageDecay);
  }
}
