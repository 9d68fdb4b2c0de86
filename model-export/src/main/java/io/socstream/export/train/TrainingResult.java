package io.socstream.export.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a training run. The model the run was given holds the best epoch's weights.
 *
 * @param bestEpoch 1-based epoch with the lowest validation MAE
 * @param bestValidationMae that MAE
 * @param history every epoch, in order
 * @param stopReason why training ended
 * @param totalSeconds wall time of the whole run
 */
public record TrainingResult(
    int bestEpoch,
    double bestValidationMae,
    List<EpochStats> history,
    StopReason stopReason,
    double totalSeconds) {

  /** Why a run ended. */
  public enum StopReason {
    MAX_EPOCHS,
    EARLY_STOPPING,
    TIME_BUDGET
  }

  public TrainingResult {
    history = List.copyOf(history);
  }

  /** Mean seconds per epoch. */
  public double secondsPerEpoch() {
    return history.isEmpty() ? 0 : totalSeconds / history.size();
  }

  /**
   * The run's facts as plain values for the model card: hyperparameters under {@code
   * "hyperparameters"}, results under {@code "training"}.
   */
  public Map<String, Object> toCardMap(ConvLstmConfig config) {
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("epochs", history.size());
    training.put("bestEpoch", bestEpoch);
    training.put("bestValidationMae", bestValidationMae);
    training.put("stopReason", stopReason.name());
    training.put("totalSeconds", totalSeconds);
    training.put("secondsPerEpoch", secondsPerEpoch());
    training.put(
        "finalLearningRate",
        history.isEmpty() ? config.schedule().learningRate() : last().learningRate());
    training.put("parameterCount", ModelLayout.parameterCount(config));
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("hyperparameters", config.toMap());
    card.put("training", training);
    return card;
  }

  private EpochStats last() {
    return history.get(history.size() - 1);
  }
}
