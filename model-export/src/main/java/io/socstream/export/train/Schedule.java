package io.socstream.export.train;

import java.time.Duration;
import java.util.Objects;

/**
 * How long and how fast the model trains.
 *
 * @param learningRate initial Adam learning rate
 * @param batchSize mini-batch size
 * @param maxEpochs upper bound on epochs
 * @param earlyStoppingPatience epochs without a better validation MAE before stopping
 * @param plateauPatience epochs without a better validation MAE before the learning rate is cut
 * @param plateauFactor factor the learning rate is multiplied by on a plateau, in (0, 1)
 * @param minLearningRate the learning rate is never cut below this
 * @param timeBudget no new epoch starts after this much wall time
 */
public record Schedule(
    float learningRate,
    int batchSize,
    int maxEpochs,
    int earlyStoppingPatience,
    int plateauPatience,
    float plateauFactor,
    float minLearningRate,
    Duration timeBudget) {

  /** Stands for "no limit". */
  public static final Duration UNLIMITED = Duration.ofDays(365);

  public Schedule {
    ConvLstmConfig.requirePositive("batchSize", batchSize);
    ConvLstmConfig.requirePositive("maxEpochs", maxEpochs);
    ConvLstmConfig.requirePositive("earlyStoppingPatience", earlyStoppingPatience);
    ConvLstmConfig.requirePositive("plateauPatience", plateauPatience);
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
    Objects.requireNonNull(timeBudget, "timeBudget");
  }

  /** A copy with other stopping rules, for short runs. */
  public Schedule withEpochs(int newMaxEpochs, int newEarlyStopping, int newPlateauPatience) {
    return new Schedule(
        learningRate,
        batchSize,
        newMaxEpochs,
        newEarlyStopping,
        newPlateauPatience,
        plateauFactor,
        minLearningRate,
        timeBudget);
  }

  /** A copy with another batch size. */
  public Schedule withBatchSize(int newBatchSize) {
    return new Schedule(
        learningRate,
        newBatchSize,
        maxEpochs,
        earlyStoppingPatience,
        plateauPatience,
        plateauFactor,
        minLearningRate,
        timeBudget);
  }
}
