package io.socstream.streams.bench;

import io.socstream.core.inference.RunnerOptions;
import io.socstream.core.inference.SavedModelRunner;
import io.socstream.streams.tools.Directories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH: one {@link SavedModelRunner#predict} call on {@code batch} random normalised windows, with
 * the shipped model (or {@code -Dsoc.bench.model=DIR}; without either, the same stand-in as {@code
 * soc bench}). The score is µs per call; {@link JmhMain} divides by the batch for µs per sample.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SavedModelRunnerBenchmark {

  @Param({"1", "32", "256", "1024"})
  public int batch;

  private SavedModelRunner runner;
  private float[] windows;
  private Path fallbackDir;

  @Setup(Level.Trial)
  public void open() throws Exception {
    String explicit = System.getProperty("soc.bench.model");
    fallbackDir = Files.createTempDirectory("soc-jmh-model").resolve("model");
    BenchModel model =
        BenchModel.resolve(
            explicit == null || explicit.isBlank() ? null : Path.of(explicit), fallbackDir);
    System.out.println("# model: " + model.dir() + " (" + model.source() + ")");
    runner = SavedModelRunner.open(model.dir(), RunnerOptions.defaults());
    int stride = runner.card().windowLength() * runner.card().featureCount();
    windows = new float[batch * stride];
    Random random = new Random(42);
    for (int i = 0; i < windows.length; i++) {
      windows[i] = (float) random.nextGaussian();
    }
  }

  @Benchmark
  public float[] predict() {
    return runner.predict(windows, batch);
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    runner.close();
    Directories.deleteRecursively(fallbackDir.getParent());
  }
}
