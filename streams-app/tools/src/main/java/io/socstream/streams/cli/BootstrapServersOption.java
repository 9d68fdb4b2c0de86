package io.socstream.streams.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --bootstrap-servers} option of every command that talks to Kafka, declared once: the
 * option groups extend it (picocli reads inherited option fields).
 */
class BootstrapServersOption {

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "localhost:9092",
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers. Default: ${DEFAULT-VALUE}.")
  String bootstrapServers;
}
