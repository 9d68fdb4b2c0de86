package io.socstream.streams.cli;

import io.socstream.avro.Telemetry;
import io.socstream.core.data.InputFiles;
import io.socstream.streams.tools.AckedPrefix;
import io.socstream.streams.tools.BrokerProbe;
import io.socstream.streams.tools.Pacer;
import io.socstream.streams.tools.ProgressBar;
import io.socstream.streams.tools.ReplayInputs;
import io.socstream.streams.tools.ReplayRecord;
import io.socstream.streams.tools.ReplayTopic;
import io.socstream.streams.tools.TelemetryReplayer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.Producer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./soc replay}: recorded telemetry into a topic, paced by its timestamps. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Produces recorded telemetry to a topic with the ORIGINAL timestamps as record timestamps,"
          + " paced in real time (scaled by --speed) or as fast as possible (--max-speed). Key ="
          + " battery id, value = Avro Telemetry (Confluent wire format). Idempotent producer.",
      "Inputs: LG-layout CSVs (one battery per file, id = file name without .csv; the SOC"
          + " column becomes reported_soc) or recordings made by `soc record`. Each input plays"
          + " on its own clock from the start, so files recorded on different days run side by"
          + " side.",
      "--from-topic copies what a topic holds now into --topic instead (bytes, keys, headers"
          + " and timestamps unchanged)."
    })
public final class ReplayCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  Source source;

  static final class Source {
    @Option(
        names = "--input",
        arity = "1..*",
        paramLabel = "FILE",
        description = "LG CSV or `soc record` files.")
    List<Path> inputs;

    @Option(
        names = "--from-topic",
        paramLabel = "TOPIC",
        description = "Copy this topic's records instead.")
    String fromTopic;
  }

  @Mixin KafkaClientOptions kafka;

  @Option(
      names = "--topic",
      defaultValue = "battery.telemetry",
      description = "Topic to produce to. Default: ${DEFAULT-VALUE}.")
  String topic;

  @ArgGroup(exclusive = true)
  Pace pace;

  static final class Pace {
    @Option(
        names = "--speed",
        paramLabel = "X",
        description = "Replay X times faster than recorded (default 1 = real time).")
    Double speed;

    @Option(names = "--max-speed", description = "As fast as possible, no pacing.")
    boolean max;
  }

  @Option(
      names = "--battery-id",
      paramLabel = "ID",
      description = "Battery id (and key) of every record, instead of the file's.")
  String batteryId;

  @Option(
      names = "--series",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Simulate a pack of N cells in series: every record's voltage x N (the engine with"
              + " soc.pack.series=N divides it back). Default 1.")
  int series;

  @Option(
      names = "--parallel",
      paramLabel = "M",
      defaultValue = "1",
      description = "Simulate M cells in parallel: every record's current x M. Default 1.")
  int parallel;

  @Option(
      names = "--skip",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Skip the first N records of the input (in send order), e.g. to resume a replay that"
              + " stopped: a failed or interrupted replay prints the N to use.")
  long skip;

  @Override
  public Integer call() throws Exception {
    Pacer pacer = pacer();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    if (source.fromTopic != null) {
      if (batteryId != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--battery-id does not apply to --from-topic");
      }
      BrokerProbe.requireReachable(kafka.bootstrapServers, BrokerProbe.DEFAULT_TIMEOUT);
      ReplayTopic.ensure(kafka.bootstrapServers, topic);
      long n =
          TelemetryReplayer.copyTopic(
              kafka.bootstrapServers, source.fromTopic, topic, pacer, ProgressBar.Factory.on(err));
      out.println("Copied " + n + " records from " + source.fromTopic + " to " + topic);
      return SocCli.OK;
    }
    for (Path input : source.inputs) {
      InputFiles.requireReadableFile(input);
    }
    List<ReplayRecord> all =
        ReplayInputs.toPack(
            ReplayInputs.schedule(source.inputs, batteryId),
            PackOptions.layout(spec.commandLine(), series, parallel));
    if (skip < 0 || skip > all.size()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--skip must be between 0 and the input's " + all.size() + " records, was " + skip);
    }
    List<ReplayRecord> schedule = all.subList((int) skip, all.size());
    long batteries = schedule.stream().map(ReplayRecord::key).distinct().count();
    BrokerProbe.requireReachable(kafka.bootstrapServers, BrokerProbe.DEFAULT_TIMEOUT);
    ReplayTopic.ensure(kafka.bootstrapServers, topic);
    ProgressBar bar = new ProgressBar(err, "replay", schedule.size());
    AckedPrefix acked = new AckedPrefix();
    long sent;
    ResumeHint hint = new ResumeHint(err, acked);
    try (Producer<String, Telemetry> producer =
        TelemetryReplayer.telemetryProducer(
            kafka.bootstrapServers, kafka.registry, !pacer.paced())) {
      sent = TelemetryReplayer.replay(producer, topic, schedule, pacer, bar, acked);
    } catch (TelemetryReplayer.ReplayException e) {
      bar.done();
      throw new IllegalStateException(
          e.getMessage() + "; " + resumeAdvice(skip + acked.prefix()), e);
    } finally {
      hint.remove();
    }
    bar.done();
    out.println(
        "Replayed "
            + sent
            + " records of "
            + batteries
            + " batteries to "
            + topic
            + (skip > 0
                ? " (skipped the first " + skip + "; " + (skip + sent) + " sent in all)"
                : ""));
    return SocCli.OK;
  }

  private static String resumeAdvice(long inTopic) {
    return "the first " + inTopic + " records are in the topic: resume with --skip " + inTopic;
  }

  /** On Ctrl-C, says how many records are in the topic and how to resume. */
  private final class ResumeHint {
    private final Thread hook;

    ResumeHint(PrintWriter err, AckedPrefix acked) {
      hook =
          new Thread(
              () -> {
                err.println();
                err.println("soc replay: interrupted; " + resumeAdvice(skip + acked.prefix()));
                err.flush();
              },
              "soc-replay-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
    }

    void remove() {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs (or ran)
      }
    }
  }

  private Pacer pacer() {
    if (pace != null && pace.max) {
      return Pacer.unpaced();
    }
    double speed = pace == null || pace.speed == null ? 1.0 : pace.speed;
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--speed must be a positive number, was " + speed);
    }
    return Pacer.realTime(speed);
  }
}
