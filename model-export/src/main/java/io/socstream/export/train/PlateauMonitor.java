package io.socstream.export.train;

/**
 * Watches the validation MAE epoch by epoch: says when it improved (keep the weights), when the
 * learning rate should be cut (a plateau) and when to stop (early stopping), like Keras'
 * ModelCheckpoint, ReduceLROnPlateau and EarlyStopping on one metric.
 */
final class PlateauMonitor {

  /** What to do after an epoch. */
  enum Verdict {
    IMPROVED,
    WAIT,
    CUT_LEARNING_RATE,
    STOP
  }

  private final int earlyStoppingPatience;
  private final int plateauPatience;
  private double best = Double.POSITIVE_INFINITY;
  private int bestEpoch;
  private int epochsSinceBest;
  private int epochsSinceCut;

  PlateauMonitor(int earlyStoppingPatience, int plateauPatience) {
    this.earlyStoppingPatience = earlyStoppingPatience;
    this.plateauPatience = plateauPatience;
  }

  Verdict observe(int epoch, double validationMae) {
    if (validationMae < best) {
      best = validationMae;
      bestEpoch = epoch;
      epochsSinceBest = 0;
      epochsSinceCut = 0;
      return Verdict.IMPROVED;
    }
    epochsSinceBest++;
    epochsSinceCut++;
    if (epochsSinceBest >= earlyStoppingPatience) {
      return Verdict.STOP;
    }
    if (epochsSinceCut >= plateauPatience) {
      // Like ReduceLROnPlateau: the plateau count starts again after a cut.
      epochsSinceCut = 0;
      return Verdict.CUT_LEARNING_RATE;
    }
    return Verdict.WAIT;
  }

  double best() {
    return best;
  }

  int bestEpoch() {
    return bestEpoch;
  }
}
