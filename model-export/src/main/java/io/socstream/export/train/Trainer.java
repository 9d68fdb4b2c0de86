package io.socstream.export.train;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link ConvLstmModel}: seeded shuffled mini-batches, validation MAE after every epoch,
 * best-weights checkpointing, learning-rate cuts on a plateau and early stopping. When it returns,
 * the model holds the best epoch's weights. With weight averaging on, validation and checkpointing
 * use the averaged weights, and the best epoch's average becomes the model's weights (and average).
 */
public final class Trainer {

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  private final ConvLstmConfig config;
  private final Duration timeBudget;

  /**
   * @param config stopping rules, batch size, seed; no new epoch starts once its schedule's time
   *     budget has passed
   */
  public Trainer(ConvLstmConfig config) {
    this.config = config;
    this.timeBudget = config.schedule().timeBudget();
  }

  public TrainingResult train(
      ConvLstmModel model, WindowDataset training, WindowDataset validation) {
    requireShape(training);
    requireShape(validation);
    long start = System.nanoTime();
    Random shuffle = new Random(config.seed());
    int[] order = identity(training.count());
    int batchSize = config.schedule().batchSize();
    float[] batchWindows = new float[batchSize * training.windowSize()];
    float[] batchTargets = new float[batchSize];
    PlateauMonitor monitor =
        new PlateauMonitor(
            config.schedule().earlyStoppingPatience(), config.schedule().plateauPatience());
    Map<String, float[]> bestWeights = model.inferenceWeights();
    List<EpochStats> history = new ArrayList<>();
    TrainingResult.StopReason stopReason = TrainingResult.StopReason.MAX_EPOCHS;

    for (int epoch = 1; epoch <= config.schedule().maxEpochs(); epoch++) {
      if (System.nanoTime() - start > timeBudget.toNanos()) {
        stopReason = TrainingResult.StopReason.TIME_BUDGET;
        break;
      }
      long epochStart = System.nanoTime();
      shuffleInPlace(order, shuffle);
      double lossSum = 0;
      for (int from = 0; from < order.length; from += batchSize) {
        int count =
            training.gather(
                order, from, Math.min(from + batchSize, order.length), batchWindows, batchTargets);
        lossSum += (double) model.trainStep(batchWindows, batchTargets, count) * count;
      }
      float learningRate = model.learningRate();
      double validationMae = meanAbsoluteError(model, validation);
      double seconds = (System.nanoTime() - epochStart) / 1e9;
      EpochStats stats =
          new EpochStats(epoch, lossSum / order.length, validationMae, learningRate, seconds);
      history.add(stats);
      LOG.info(
          "epoch {} train_loss {} val_mae {} lr {} {}s",
          epoch,
          String.format("%.6f", stats.trainLoss()),
          String.format("%.6f", validationMae),
          learningRate,
          String.format("%.1f", seconds));

      PlateauMonitor.Verdict verdict = monitor.observe(epoch, validationMae);
      if (verdict == PlateauMonitor.Verdict.IMPROVED) {
        // With weight averaging on, the averaged weights: those were validated.
        bestWeights = model.inferenceWeights();
      } else if (verdict == PlateauMonitor.Verdict.CUT_LEARNING_RATE) {
        float cut =
            Math.max(
                config.schedule().minLearningRate(),
                learningRate * config.schedule().plateauFactor());
        if (cut < learningRate) {
          LOG.info("validation MAE plateaued: learning rate {} -> {}", learningRate, cut);
          model.setLearningRate(cut);
        }
      } else if (verdict == PlateauMonitor.Verdict.STOP) {
        LOG.info(
            "early stopping after epoch {}: no better validation MAE since epoch {}",
            epoch,
            monitor.bestEpoch());
        stopReason = TrainingResult.StopReason.EARLY_STOPPING;
        break;
      }
    }
    model.setWeights(bestWeights);
    return new TrainingResult(
        monitor.bestEpoch(),
        monitor.best(),
        history,
        stopReason,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * MAE of the dropout-free head over {@code data} (on the averaged weights when averaging is on),
   * predicted in batches.
   */
  public double meanAbsoluteError(ConvLstmModel model, WindowDataset data) {
    int batchSize = config.schedule().batchSize();
    int size = data.windowSize();
    float[] batch = new float[batchSize * size];
    double sum = 0;
    for (int from = 0; from < data.count(); from += batchSize) {
      int count = Math.min(batchSize, data.count() - from);
      System.arraycopy(data.windows(), from * size, batch, 0, count * size);
      float[] soc = model.predict(batch, count);
      for (int i = 0; i < count; i++) {
        sum += Math.abs(soc[i] - data.targets()[from + i]);
      }
    }
    return sum / data.count();
  }

  private void requireShape(WindowDataset data) {
    if (data.windowLength() != config.architecture().windowLength()
        || data.featureCount() != config.architecture().featureCount()) {
      throw new IllegalArgumentException(
          "data has windows of "
              + data.windowLength()
              + " x "
              + data.featureCount()
              + ", the model expects "
              + config.architecture().windowLength()
              + " x "
              + config.architecture().featureCount());
    }
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  private static void shuffleInPlace(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
  }
}
