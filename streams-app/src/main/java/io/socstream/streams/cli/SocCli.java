package io.socstream.streams.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./soc} stream commands. Exit codes: 0 done, 1 failed (one line on stderr says why), 2 bad
 * usage (the message and the command's usage on stderr).
 */
@Command(
    name = "soc",
    mixinStandardHelpOptions = true,
    versionProvider = SocCli.Version.class,
    description = "soc-stream: battery state-of-charge estimation on Kafka Streams.",
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      ReplayCommand.class,
      RecordCommand.class,
      TailCommand.class,
      BrokerCommand.class,
      io.socstream.streams.bench.BenchCommand.class,
    })
public final class SocCli implements Runnable {

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

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
    CommandLine cli = commandLine();
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    return cli.execute(args);
  }

  /** The configured command line (exit codes, one-line failures). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SocCli());
    cli.setExitCodeExceptionMapper(
        e -> e instanceof CommandLine.ParameterException ? USAGE : FAILED);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("soc " + commandLine.getCommandName() + ": " + oneLine(e));
          commandLine.getErr().flush();
          return FAILED;
        });
    // `soc replay -V` answers like `soc -V` (picocli does not pass the provider down).
    cli.getSubcommands()
        .values()
        .forEach(sub -> sub.getCommandSpec().versionProvider(new Version()));
    return cli;
  }

  /** The exception's message (or its cause's, or its class), on one line. */
  static String oneLine(Throwable e) {
    Throwable t = e;
    while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /** Project version, git commit and the shipped model's version (what `soc -V` prints). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return io.socstream.core.BuildInfo.current()
          .versionLines("soc-stream", io.socstream.streams.bench.BenchModel.findShipped())
          .toArray(String[]::new);
    }
  }
}
