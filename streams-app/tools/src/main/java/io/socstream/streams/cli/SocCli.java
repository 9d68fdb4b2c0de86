package io.socstream.streams.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./soc} stream commands: the processor's {@code run} and every developer tool. It behaves
 * like {@link ProcessorCli} (same exit codes, one-line failures, version). Exit codes: 0 done, 1
 * failed (one line on stderr says why), 2 bad usage (the message and the command's usage on
 * stderr).
 */
@Command(
    name = "soc",
    mixinStandardHelpOptions = true,
    versionProvider = ProcessorCli.Version.class,
    description = "soc-stream: battery state-of-charge estimation on Kafka Streams.",
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      ReplayCommand.class,
      RecordCommand.class,
      TailCommand.class,
      ModelsCommand.class,
      BrokerCommand.class,
      io.socstream.streams.bench.BenchCommand.class,
    })
public final class SocCli implements Runnable {

  public static final int OK = ProcessorCli.OK;
  public static final int FAILED = ProcessorCli.FAILED;
  public static final int USAGE = ProcessorCli.USAGE;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(execute(args, null, null));
  }

  /**
   * Runs one command line.
   *
   * @param out standard output, null = System.out
   * @param err standard error, null = System.err
   * @return the exit code
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return ProcessorCli.execute(commandLine(), args, out, err);
  }

  /** The configured command line (exit codes, one-line failures). */
  public static CommandLine commandLine() {
    return ProcessorCli.configured(new CommandLine(new SocCli()));
  }
}
