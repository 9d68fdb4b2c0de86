package io.socstream.streams.cli;

import picocli.CommandLine.Option;

/**
 * The connection options that `replay`, `record` and `tail` share (a picocli mixin): the bootstrap
 * servers and the schema registry. The defaults meet `./soc broker` and `./soc run` on this
 * machine.
 */
final class KafkaClientOptions extends BootstrapServersOption {

  @Option(
      names = "--registry",
      defaultValue = "http://localhost:8081",
      paramLabel = "URL",
      description =
          "Schema registry URL (mock://scope = in-memory, for tests only). Default:"
              + " ${DEFAULT-VALUE}.")
  String registry;
}
