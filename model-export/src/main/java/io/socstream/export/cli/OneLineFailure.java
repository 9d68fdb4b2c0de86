package io.socstream.export.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns a failed command into exit code 1 and one line on stderr; the stack trace goes to the log
 * at debug level, where it helps a developer without burying the message for a user.
 */
final class OneLineFailure implements CommandLine.IExecutionExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(OneLineFailure.class);

  static final int FAILURE = 1;

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine command, CommandLine.ParseResult parseResult) {
    LOG.debug("{} failed", command.getCommandName(), exception);
    command.getErr().println("soc " + command.getCommandName() + ": " + message(exception));
    command.getErr().flush();
    return FAILURE;
  }

  static String message(Throwable exception) {
    String text = exception.getMessage();
    if (text == null || text.isBlank()) {
      text = exception.getClass().getSimpleName();
    }
    if (exception.getCause() != null
        && exception.getCause().getMessage() != null
        && !text.contains(exception.getCause().getMessage())) {
      text += ": " + exception.getCause().getMessage();
    }
    return text.replaceAll("\\s*\\R\\s*", "; ").trim();
  }
}
