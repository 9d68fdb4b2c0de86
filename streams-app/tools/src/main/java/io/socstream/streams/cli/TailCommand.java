package io.socstream.streams.cli;

import io.socstream.streams.tools.BrokerProbe;
import io.socstream.streams.tools.TopicTailer;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./soc tail}: a topic's Avro records as JSON lines on stdout. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a topic's records as JSON lines on stdout, one record per line: battery.soc"
          + " (SocEstimate), battery.telemetry (Telemetry) or the dead-letter topic (DeadLetter)."
          + " Each line is the record's own fields under their Avro names; timestamps are epoch"
          + " milliseconds (numbers), enums strings, bytes base64. Every partition, committed"
          + " records only (read_committed), no consumer group.",
      "Stops after --max records, after --idle-timeout seconds without one, or on Ctrl-C."
    })
public final class TailCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--topic", required = true, description = "Topic to print.")
  String topic;

  @Mixin KafkaClientOptions kafka;

  @Mixin FromBeginningOption start;

  @Option(
      names = "--max",
      paramLabel = "N",
      description = "Stop after N records (default: no limit).")
  Long max;

  @Option(
      names = "--idle-timeout",
      paramLabel = "SECONDS",
      description = "Stop after this many seconds without a record (default: until Ctrl-C).")
  Double idleSeconds;

  @Override
  public Integer call() {
    if (max != null && max < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max must be >= 1");
    }
    if (idleSeconds != null && !(idleSeconds > 0)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--idle-timeout must be > 0");
    }
    Duration idle = idleSeconds == null ? null : Duration.ofMillis(Math.round(idleSeconds * 1000));
    BrokerProbe.requireReachable(kafka.bootstrapServers, BrokerProbe.DEFAULT_TIMEOUT);
    TopicTailer tailer = new TopicTailer(kafka.bootstrapServers, kafka.registry);
    StopOnShutdown onShutdown = StopOnShutdown.install(tailer::stop, "soc-tail-shutdown");
    try {
      tailer.tail(
          topic,
          start.fromBeginning,
          new TopicTailer.Limits(max, idle),
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    } finally {
      onShutdown.commandFinished();
    }
    return SocCli.OK;
  }
}
