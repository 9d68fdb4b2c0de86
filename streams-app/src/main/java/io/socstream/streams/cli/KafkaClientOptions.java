package io.socstream.streams.cli;

import picocli.CommandLine.Option;

/** The connection options that `replay` and `record` share (a picocli mixin). */
final class KafkaClientOptions {

  @Option(
      names = "--bootstrap-servers",
      required = true,
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(
      names = "--registry",
      defaultValue = "mock://replay",
      paramLabel = "URL",
      description = "Schema registry URL (mock://scope = in-memory). Default: ${DEFAULT-VALUE}.")
  String registry;
}
