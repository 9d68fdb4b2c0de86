package io.socstream.streams.cli;

import io.socstream.streams.tools.BrokerProbe;
import io.socstream.streams.tools.ProgressBar;
import io.socstream.streams.tools.TopicRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./soc record}: a topic's Avro records into an Avro container file. */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = {
      "Records a topic's Avro records (every partition, committed records only, no consumer"
          + " group) into an Avro container file: battery.telemetry (Telemetry), battery.soc"
          + " (SocEstimate) or the dead-letter topic (DeadLetter); each value is decoded with its"
          + " writer schema from the registry. Each entry keeps topic, partition, offset, key and"
          + " record timestamp next to the value (schema io.socstream.recording.RecordedRecord,"
          + " in the file header). `soc replay --input` accepts recordings of telemetry.",
      "Stops after --until-idle seconds without a record, or on Ctrl-C; the file is complete"
          + " either way."
    })
public final class RecordCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--topic", required = true, description = "Topic to record.")
  String topic;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file.")
  Path out;

  @Mixin KafkaClientOptions kafka;

  @Mixin FromBeginningOption start;

  @Option(
      names = "--until-idle",
      paramLabel = "SECONDS",
      description = "Stop after this many seconds without a new record (default: until Ctrl-C).")
  Double untilIdleSeconds;

  @Override
  public Integer call() throws Exception {
    if (untilIdleSeconds != null && !(untilIdleSeconds > 0)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--until-idle must be > 0");
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Duration idle =
        untilIdleSeconds == null ? null : Duration.ofMillis(Math.round(untilIdleSeconds * 1000));
    BrokerProbe.requireReachable(kafka.bootstrapServers, BrokerProbe.DEFAULT_TIMEOUT);
    TopicRecorder recorder = new TopicRecorder(kafka.bootstrapServers, kafka.registry);
    StopOnShutdown onShutdown = StopOnShutdown.install(recorder::stop, "soc-record-shutdown");
    long n;
    try {
      n =
          recorder.record(
              topic,
              out,
              start.fromBeginning,
              idle,
              new ProgressBar(spec.commandLine().getErr(), "record " + topic, 0));
    } finally {
      onShutdown.commandFinished();
    }
    spec.commandLine().getOut().println("Recorded " + n + " records of " + topic + " to " + out);
    return SocCli.OK;
  }
}
