package io.socstream.streams.cli;

import picocli.CommandLine.Option;

/** Where `tail` and `record` start reading (a picocli mixin): the oldest record, or now. */
final class FromBeginningOption {

  @Option(
      names = "--from-beginning",
      description = "Start at the oldest record (default: only records arriving from now on).")
  boolean fromBeginning;
}
