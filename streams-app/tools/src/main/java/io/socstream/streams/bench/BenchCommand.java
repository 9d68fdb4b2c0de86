package io.socstream.streams.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./soc bench}: see {@link StreamsBenchmark} and {@code streams-app/BENCHMARK.md}. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Throughput and end-to-end latency of the engine on an in-process KRaft broker: (a)"
          + " passthrough (same source, serde, repartition and sink; no features, no model), (b)"
          + " the engine with default settings, (c) the engine with batch size 1, all on the same"
          + " pre-produced input; then latency at a quarter of (b)'s rate under exactly_once_v2"
          + " and at_least_once; then the restore of 10,000 batteries' state after a state wipe."
          + " Writes DIR/bench.json. The full run takes about 4 minutes on 2 cores; run it on an"
          + " otherwise idle machine."
    })
public final class BenchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "bench-out",
      description = "Output directory for bench.json. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(
      names = "--quick",
      description = "A small smoke run (well under a minute); its numbers mean little.")
  boolean quick;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description =
          "Model directory (SavedModel + model-card.json). Default: the shipped model"
              + " model-export/model; without one, a stand-in of the same input shape (marked in"
              + " bench.json).")
  Path model;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "An engine setting for every run (soc.* or kafka.*), e.g. --set"
              + " kafka.producer.linger.ms=5; repeatable. Default: the engine's defaults.")
  java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

  @Option(
      names = "--runs",
      paramLabel = "RUN",
      split = ",",
      description =
          "Only these parts, comma-separated, of: model, warmup, a, b, c, eos, alo, restore (e.g."
              + " --runs warmup,b to profile the engine; the JSON then lacks the other parts'"
              + " numbers)."
              + " Default: all.")
  java.util.List<String> runs = new java.util.ArrayList<>();

  @Option(
      names = "--latency-rate",
      paramLabel = "RPS",
      description =
          "Offered load of the latency runs when (b) is not run (otherwise a quarter of (b)'s"
              + " rate).")
  double latencyRate;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    BenchPlan plan = quick ? BenchPlan.quickRun() : BenchPlan.fullRun();
    java.util.Set<StreamsBenchmark.Phase> phases =
        java.util.EnumSet.allOf(StreamsBenchmark.Phase.class);
    if (!runs.isEmpty()) {
      phases = java.util.EnumSet.noneOf(StreamsBenchmark.Phase.class);
      for (String run : runs) {
        try {
          phases.add(StreamsBenchmark.Phase.valueOf(run.trim().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "--runs: unknown run '"
                  + run
                  + "' (expected model, warmup, a, b, c, eos, alo or restore)");
        }
      }
    }
    if ((phases.contains(StreamsBenchmark.Phase.EOS) || phases.contains(StreamsBenchmark.Phase.ALO))
        && !phases.contains(StreamsBenchmark.Phase.B)
        && !(latencyRate > 0)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--runs with eos or alo but without b needs --latency-rate RPS");
    }
    ObjectNode result =
        new StreamsBenchmark(plan, out, model, settings, phases, latencyRate, err).run();
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(result.toPrettyString());
    stdout.println("wrote " + out.toAbsolutePath().normalize().resolve("bench.json"));
    stdout.flush();
    return 0;
  }
}
