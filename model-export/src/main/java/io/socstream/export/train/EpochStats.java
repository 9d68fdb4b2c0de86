package io.socstream.export.train;

/**
 * What one epoch did.
 *
 * @param epoch 1-based
 * @param trainLoss mean batch loss (MSE + L2, with dropout and input noise) over the epoch
 * @param validationMae mean absolute error of the dropout-free head on the validation set (on the
 *     averaged weights when weight averaging is on)
 * @param learningRate the Adam learning rate used during the epoch
 * @param seconds wall time of the epoch, validation included
 */
public record EpochStats(
    int epoch, double trainLoss, double validationMae, float learningRate, double seconds) {}
