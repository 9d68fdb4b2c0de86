package io.socstream.core.model;

import java.util.List;

/**
 * A model card that cannot be read, is invalid, or does not fit the serving feature contract.
 *
 * <p>The message lists every problem found, one per line, each prefixed with the JSON path of the
 * offending field, so one failed start-up shows everything that needs fixing.
 */
public class ModelCardException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** A single problem (unreadable file, malformed JSON). */
  public ModelCardException(String message, Throwable cause) {
    super(message, cause);
    this.problems = List.of(message);
  }

  /**
   * Several problems found together.
   *
   * @param context what was checked, e.g. {@code "Invalid model card /models/x/model-card.json"}
   * @param problems one entry per problem, each starting with the JSON path
   */
  public ModelCardException(String context, List<String> problems) {
    super(format(context, problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, one per entry, in the order they were found. */
  public List<String> problems() {
    return problems;
  }

  private static String format(String context, List<String> problems) {
    StringBuilder message =
        new StringBuilder(context).append(" (").append(problems.size()).append(" problem");
    message.append(problems.size() == 1 ? "):" : "s):");
    for (String problem : problems) {
      message.append(System.lineSeparator()).append("  - ").append(problem);
    }
    return message.toString();
  }
}
