package io.socstream.streams.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The processor's own command line, the container image's entry point: {@code run} only (the
 * developer commands live in the tools module's {@code SocCli}, which adds them to this one's
 * behaviour). Exit codes: 0 done, 1 failed (one line on stderr says why), 2 bad usage (the message
 * and the command's usage on stderr).
 */
@Command(
    name = "soc",
    mixinStandardHelpOptions = true,
    versionProvider = ProcessorCli.Version.class,
    description = "soc-stream: battery state-of-charge estimation on Kafka Streams.",
    subcommands = {RunCommand.class})
public final class ProcessorCli implements Runnable {

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(execute(configured(new CommandLine(new ProcessorCli())), args, null, null));
  }

  /**
   * Runs one command line.
   *
   * @param out standard output, null = System.out
   * @param err standard error, null = System.err
   * @return the exit code
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return execute(configured(new CommandLine(new ProcessorCli())), args, out, err);
  }

  /**
   * Runs {@code args} on {@code cli} (see {@link #execute(String[], PrintWriter, PrintWriter)}).
   */
  public static int execute(CommandLine cli, String[] args, PrintWriter out, PrintWriter err) {
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    return cli.execute(args);
  }

  /**
   * Gives {@code cli} the behaviour every {@code soc} command line shares: exit codes, one-line
   * failures, {@code -V} on every command.
   */
  public static CommandLine configured(CommandLine cli) {
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
  public static String oneLine(Throwable e) {
    Throwable t = e;
    while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /** Project version, git commit and the shipped model's version (what {@code soc -V} prints). */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return io.socstream.core.BuildInfo.current()
          .versionLines("soc-stream", io.socstream.core.model.ShippedModel.find().orElse(null))
          .toArray(String[]::new);
    }
  }
}
