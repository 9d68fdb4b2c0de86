package io.socstream.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.socstream.core.features.FeatureSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedModelRunnerTest {

  // A 5-feature spec (legacy v1 names), so the hand-computed values below stay short.
  private static final FeatureSpec SPEC = new FeatureSpec(30, List.of(500), 60_000L);
  private static final int T = SPEC.windowLength();
  private static final int F = SPEC.featureCount();

  @TempDir static Path tmp;
  private static Path modelDir;
  private static SavedModelRunner runner;

  @BeforeAll
  static void exportAndOpen() {
    modelDir = tmp.resolve("tiny");
    TinyModelFactory.export(modelDir, SPEC);
    runner = SavedModelRunner.open(modelDir, RunnerOptions.defaults());
  }

  @AfterAll
  static void closeRunner() {
    runner.close();
  }

  private static float[] randomWindows(int batchSize, long seed) {
    Random random = new Random(seed);
    float[] values = new float[batchSize * T * F];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  @Test
  void exportedModelPredictsWhatTheBuildingSessionComputed() {
    float[] windows = randomWindows(8, 1);
    float[] fromExport = runner.predict(windows, 8);
    float[] fromBuild;
    try (TinyModel model = TinyModelFactory.build(SPEC)) {
      fromBuild = model.run(windows, 8);
    }
    for (int i = 0; i < 8; i++) {
      assertThat(fromExport[i]).isCloseTo(fromBuild[i], within(1e-6f));
    }
  }

  @Test
  void predictionEqualsTheValueComputedByHand() {
    // Every step: x = [1, 2, 3, 4, 5]; w = [0.25, -0.25, 0.75, -0.5, 1.25];
    // sum = 0.25 - 0.5 + 2.25 - 2 + 6.25 = 6.25; mean over steps = 6.25; z = 6.45.
    float[] window = new float[T * F];
    for (int t = 0; t < T; t++) {
      for (int f = 0; f < F; f++) {
        window[t * F + f] = f + 1;
      }
    }
    float expected = (float) (1 / (1 + Math.exp(-6.45)));
    assertThat(TinyModelFactory.expectedSoc(window, T, F)).isCloseTo(expected, within(1e-7f));
    assertThat(runner.predict(window, 1)[0]).isCloseTo(expected, within(1e-6f));

    float[] random = randomWindows(1, 2);
    assertThat(runner.predict(random, 1)[0])
        .isCloseTo(TinyModelFactory.expectedSoc(random, T, F), within(1e-6f));
  }

  @Test
  void batchOfOneAndBatchOf64GiveIdenticalValues() {
    float[] windows = randomWindows(64, 3);
    float[] batched = runner.predict(windows, 64);
    assertThat(batched).hasSize(64);
    for (int i = 0; i < 64; i++) {
      float[] one = Arrays.copyOfRange(windows, i * T * F, (i + 1) * T * F);
      // Not bit-identical: oneDNN blocks the matrix multiply differently per batch size, so the
      // float sums round differently (observed: 1 ulp). Equal well within SOC resolution.
      assertThat(runner.predict(one, 1)[0]).as("window %d", i).isCloseTo(batched[i], within(1e-6f));
    }
  }

  @Test
  void concurrentPredictionsMatchSingleThreadedOnes() throws Exception {
    int threads = 8;
    int rounds = 25;
    List<float[]> inputs = new ArrayList<>();
    List<float[]> expected = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      float[] windows = randomWindows(1 + i * 4, 100 + i);
      inputs.add(windows);
      expected.add(runner.predict(windows, 1 + i * 4));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int thread = i;
        results.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < rounds; round++) {
                    float[] got = runner.predict(inputs.get(thread), 1 + thread * 4);
                    if (!Arrays.equals(got, expected.get(thread))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void reportsDeviceVersionAndCard() {
    assertThat(runner.device()).matches("(GPU:\\d+, )*CPU:0|GPU:\\d+(, GPU:\\d+)*(, CPU:0)?");
    assertThat(runner.tensorflowVersion()).startsWith("2.");
    assertThat(runner.card().modelVersion()).isEqualTo(TinyModelFactory.MODEL_VERSION);
    assertThat(runner.card().featureSpec()).isEqualTo(SPEC);
    assertThat(runner.modelDir()).isEqualTo(modelDir);
  }

  @Test
  void rejectsInputOfTheWrongLength() {
    assertThatThrownBy(() -> runner.predict(new float[T * F * 2 - 1], 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected batchSize 2 x T 30 x F 5 = 300");
    assertThatThrownBy(() -> runner.predict(new float[0], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batchSize must be >= 1");
  }

  @Test
  void honoursThreadOptionsAndClosesIdempotently() {
    SavedModelRunner single = SavedModelRunner.open(modelDir, new RunnerOptions(1, 1));
    float[] windows = randomWindows(4, 5);
    assertThat(single.predict(windows, 4)).containsExactly(runner.predict(windows, 4));
    single.close();
    single.close();
    assertThatThrownBy(() -> single.predict(windows, 4))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void rejectsNegativeThreadCounts() {
    assertThatThrownBy(() -> new RunnerOptions(-1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("intraOpThreads");
  }
}
