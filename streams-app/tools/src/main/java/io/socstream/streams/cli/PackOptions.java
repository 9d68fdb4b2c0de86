package io.socstream.streams.cli;

import io.socstream.core.features.PackLayout;
import picocli.CommandLine;

/** {@code --series N --parallel M} of {@code demo} and {@code replay}, checked. */
final class PackOptions {

  private PackOptions() {}

  /** The layout, or a usage error naming the option when a count is below 1. */
  static PackLayout layout(CommandLine command, int series, int parallel) {
    if (series < 1) {
      throw new CommandLine.ParameterException(command, "--series must be >= 1, was " + series);
    }
    if (parallel < 1) {
      throw new CommandLine.ParameterException(command, "--parallel must be >= 1, was " + parallel);
    }
    return new PackLayout(series, parallel);
  }
}
