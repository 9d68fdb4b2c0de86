package io.socstream.export.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code soc train | evaluate | predict | fit-fusion}: the model commands. Exit codes: 0 success, 1
 * failure (one line on stderr), 2 usage error.
 */
@Command(
    name = "soc",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Train, evaluate and run the ConvLSTM SOC model on LG HG2 drive-cycle CSVs.",
    subcommands = {
      TrainCommand.class,
      EvaluateCommand.class,
      PredictCommand.class,
      FitFusionCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:failure (message on stderr)", "2:usage error"})
public final class ModelExportCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, with the one-line failure handler. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ModelExportCli());
    cli.setExecutionExceptionHandler(new OneLineFailure());
    // `soc predict -V` answers like `soc -V` (picocli does not pass the provider down).
    cli.getSubcommands()
        .values()
        .forEach(sub -> sub.getCommandSpec().versionProvider(new VersionProvider()));
    return cli;
  }

  @Override
  public void run() {
    // No subcommand: that is a usage error.
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: train, evaluate, predict or fit-fusion");
  }
}
