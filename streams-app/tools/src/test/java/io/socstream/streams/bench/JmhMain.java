package io.socstream.streams.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link SavedModelRunnerBenchmark} (1 fork, 3 × 1 s warm-up, 5 × 1 s measurement; with {@code
 * -Dsoc.jmh.quick=true} 1 × 0.5 s and 2 × 0.5 s), prints µs per sample for every batch size and
 * writes them to {@code bench-out/jmh.json} ({@code -Dsoc.bench.out=DIR} elsewhere). Started by
 * {@code ./mvnw -q -B -pl streams-app/tools -am process-test-classes -Pjmh}.
 */
public final class JmhMain {

  private JmhMain() {}

  public static void main(String[] args) throws Exception {
    boolean quick = Boolean.getBoolean("soc.jmh.quick");
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(SavedModelRunnerBenchmark.class.getName())
            .forks(1)
            .jvmArgsAppend(
                "-Dsoc.home=" + System.getProperty("soc.home", ""),
                "-Dsoc.bench.model=" + System.getProperty("soc.bench.model", ""))
            .shouldFailOnError(true);
    if (quick) {
      options
          .warmupIterations(1)
          .warmupTime(TimeValue.milliseconds(500))
          .measurementIterations(2)
          .measurementTime(TimeValue.milliseconds(500));
    } else {
      options
          .warmupIterations(3)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(5)
          .measurementTime(TimeValue.seconds(1));
    }
    Collection<RunResult> results = new Runner(options.build()).run();

    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode report = json.createObjectNode();
    ObjectNode perSample = report.putObject("us_per_sample");
    ObjectNode perCall = report.putObject("us_per_call");
    ObjectNode error = report.putObject("us_per_call_error");
    System.out.println();
    System.out.println("batch   µs/call      µs/sample");
    for (RunResult r : results) {
      int batch = Integer.parseInt(r.getParams().getParam("batch"));
      double usPerCall = r.getPrimaryResult().getScore();
      double usPerSample = usPerCall / batch;
      perSample.put("b" + batch, usPerSample);
      perCall.put("b" + batch, usPerCall);
      error.put("b" + batch, r.getPrimaryResult().getScoreError());
      System.out.printf("%5d  %9.2f  %12.3f%n", batch, usPerCall, usPerSample);
    }
    report.put("target_b256_us_per_sample_max", 10);
    report.put("quick", quick);
    report.put("cores", Runtime.getRuntime().availableProcessors());
    Path out = Path.of(System.getProperty("soc.bench.out", "bench-out"));
    Files.createDirectories(out);
    json.writeValue(out.resolve("jmh.json").toFile(), report);
    System.out.println("wrote " + out.toAbsolutePath().normalize().resolve("jmh.json"));
  }
}
