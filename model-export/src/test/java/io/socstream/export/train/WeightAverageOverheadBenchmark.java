package io.socstream.export.train;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Per-step cost of the in-graph weight average at a production-like size (T=30, F=5, 16 filters,
 * dense 64,32, batch 512). Not a regular test: run with {@code -Dsoc.bench=true
 * -Dtest=WeightAverageOverheadBenchmark}.
 */
@EnabledIfSystemProperty(named = "soc.bench", matches = "true")
class WeightAverageOverheadBenchmark {

  @Test
  void measure() {
    int batch = 512;
    ConvLstmConfig base =
        ConvLstmConfig.shipped(30, 5)
            .with(ConvLstmConfig.shipped(30, 5).architecture().withCapacity(16, List.of(64, 32)))
            .with(Regularisation.L2_ONLY)
            .with(ConvLstmConfig.SHIPPED.schedule().withBatchSize(batch));
    WindowDataset data = SyntheticWindows.generate(batch, 30, 5, 1L);
    ConvLstmConfig[] configs = {
      base, base.withNoiseAndAverage(0f, 0.999f), base.withNoiseAndAverage(0.05f, 0f)
    };
    String[] labels = {"off", "ema 0.999", "noise 0.05"};
    ConvLstmModel[] models = new ConvLstmModel[configs.length];
    for (int i = 0; i < configs.length; i++) {
      models[i] = ConvLstmModel.create(configs[i]);
      for (int w = 0; w < 5; w++) {
        models[i].trainStep(data.windows(), data.targets(), batch);
      }
    }
    int rounds = 7;
    int steps = 10;
    double[][] perStep = new double[configs.length][rounds];
    double[] fetch = new double[rounds];
    long fetched = 0; // read after the loop, so the weight fetches cannot be optimised away
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < configs.length; i++) {
        long start = System.nanoTime();
        for (int s = 0; s < steps; s++) {
          models[i].trainStep(data.windows(), data.targets(), batch);
        }
        perStep[i][r] = (System.nanoTime() - start) / 1e6 / steps;
      }
      long start = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        Map<String, float[]> w = models[0].weights();
        fetched += w.size();
      }
      fetch[r] = (System.nanoTime() - start) / 1e6 / steps;
    }
    for (int i = 0; i < configs.length; i++) {
      double[] sorted = perStep[i].clone();
      Arrays.sort(sorted);
      System.out.printf(
          "BENCH %-11s median %.2f ms/step (min %.2f, max %.2f)%n",
          labels[i], sorted[rounds / 2], sorted[0], sorted[rounds - 1]);
      models[i].close();
    }
    Arrays.sort(fetch);
    System.out.printf(
        "BENCH weights() fetch median %.3f ms (%d parameters, %d tensors fetched)%n",
        fetch[rounds / 2], ModelLayout.parameterCount(base), fetched);
  }
}
