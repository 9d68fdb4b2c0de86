package io.socstream.export.train;

import java.util.Locale;

/**
 * How the model reads the F features of a step. Both read the same serving input [-1, T, 1, F, 1]
 * (the same memory order), so the signature, the model card's input shape and the serving side do
 * not depend on it.
 */
public enum InputLayout {
  /**
   * The features lie along the width of a 1 x F image with one channel, and the ConvLSTM convolves
   * 1 x k kernels across the feature axis (the layout of the seed paper).
   */
  WIDTH,

  /**
   * The features are the F channels of a 1 x 1 image (the input is read as [-1, T, 1, 1, F]); the
   * kernels are 1 x 1, so the ConvLSTM is a plain LSTM with F inputs and {@code filters} units.
   */
  CHANNELS;

  /** The lower-case name used on the command line and in the model card. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
