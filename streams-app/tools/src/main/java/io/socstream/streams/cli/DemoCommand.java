package io.socstream.streams.cli;

import io.socstream.streams.demo.DemoRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./soc demo}: broker, registry, processor and replay in one process, then the errors. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole pipeline in this process: a local single-node Kafka broker (KRaft, in a"
          + " temporary directory), an in-memory schema registry, the SOC processor"
          + " (exactly_once_v2) with the model, and a replay of the inputs with their original"
          + " timestamps. Waits (read_committed) until every estimate has arrived, then prints per"
          + " input the records in, SOC events out, dead letters, and MAE / RMSE / max error"
          + " against the recorded SOC label.",
      "Writes into --out: summary.json, soc-<battery>.csv (timestamp_ms,soc_true,soc_est) and"
          + " soc-<battery>.png. Everything else it started is removed on exit.",
      "Without --input it replays two bundled held-out LG HG2 US06 drive cycles (25 °C and"
          + " -10 °C). Each input is one battery, named after the file without .csv."
    })
public final class DemoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--input",
      arity = "1..*",
      paramLabel = "CSV",
      description = "LG-layout CSV files (default: the bundled drive cycles).")
  List<Path> inputs = List.of();

  @Option(
      names = "--out",
      defaultValue = "demo-out",
      paramLabel = "DIR",
      description = "Output directory. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(
      names = "--speed",
      paramLabel = "X",
      description = "Replay at X times real time (default: as fast as possible).")
  Double speed;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description =
          "SavedModel directory with its model-card.json (default: the shipped model,"
              + " model-export/model/ of this checkout).")
  Path model;

  @Option(
      names = "--timeout",
      defaultValue = "120",
      paramLabel = "SECONDS",
      description = "Fail when no estimate arrives for this long. Default: ${DEFAULT-VALUE}.")
  long timeoutSeconds;

  @Option(
      names = "--series",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Cells in series of the pack the inputs were measured on: the engine runs with"
              + " soc.pack.series=N and divides the voltage back to one cell's. With no --input"
              + " the bundled cell recordings are scaled up to such a pack first. Default 1.")
  int series;

  @Option(
      names = "--parallel",
      paramLabel = "M",
      defaultValue = "1",
      description =
          "Cells in parallel (soc.pack.parallel=M: the current is divided by M). Default 1.")
  int parallel;

  @Override
  public Integer call() throws Exception {
    if (speed != null && (!(speed > 0) || speed.isInfinite())) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--speed must be a positive number, was " + speed);
    }
    if (timeoutSeconds <= 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--timeout must be positive, was " + timeoutSeconds);
    }
    DemoRunner.run(
        new DemoRunner.Options(
            inputs == null ? List.of() : inputs,
            out,
            speed,
            model,
            Duration.ofSeconds(timeoutSeconds),
            PackOptions.layout(spec.commandLine(), series, parallel)),
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
    return SocCli.OK;
  }
}
