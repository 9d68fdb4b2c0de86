package io.socstream.streams.tools;

import io.socstream.streams.registry.SchemaRegistryServer;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ./soc broker} as a Java object: a {@link LocalKafkaBroker} in {@code dir} and, unless
 * turned off, a {@link SchemaRegistryServer} with its schemas in {@code dir/registry}, both on one
 * host. Tests start it in-process; {@link #close()} stops the registry, then the broker.
 */
public final class LocalDevCluster implements AutoCloseable {

  /** {@code registryPort} value that runs no registry. */
  public static final int NO_REGISTRY = -1;

  private final LocalKafkaBroker broker;
  private final SchemaRegistryServer registry;

  private LocalDevCluster(LocalKafkaBroker broker, SchemaRegistryServer registry) {
    this.broker = broker;
    this.registry = registry;
  }

  /**
   * Starts the broker (data in {@code dir}, as {@link LocalKafkaBroker}) and the registry (schemas
   * in {@code dir/registry}); returns once both serve clients.
   *
   * @param kafkaPort 0 = a free one
   * @param registryPort 0 = a free one, {@link #NO_REGISTRY} = none
   */
  public static LocalDevCluster start(Path dir, String host, int kafkaPort, int registryPort) {
    return start(dir, host, kafkaPort, registryPort, Map.of());
  }

  /** As {@link #start(Path, String, int, int)}, with Kafka broker settings replaced. */
  public static LocalDevCluster start(
      Path dir, String host, int kafkaPort, int registryPort, Map<String, String> brokerSettings) {
    // The registry first: it starts in milliseconds and fails fast on a taken port.
    SchemaRegistryServer registry =
        registryPort == NO_REGISTRY
            ? null
            : SchemaRegistryServer.start(registryDir(dir), host, registryPort);
    try {
      return new LocalDevCluster(
          LocalKafkaBroker.create(dir, host, kafkaPort, brokerSettings).start(), registry);
    } catch (RuntimeException e) {
      if (registry != null) {
        registry.close();
      }
      throw e;
    }
  }

  /** Where the registry of a cluster in {@code dir} keeps its schemas. */
  public static Path registryDir(Path dir) {
    return dir.toAbsolutePath().resolve("registry");
  }

  /** {@code host:port} for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** {@code http://host:port} for {@code schema.registry.url}, or null without a registry. */
  public String registryUrl() {
    return registry == null ? null : registry.url();
  }

  /** The data directory (broker data in {@code data/}, schemas in {@code registry/}). */
  public Path dir() {
    return broker.dir();
  }

  /** Stops the registry, then the broker; safe to call twice. */
  @Override
  public void close() {
    try {
      if (registry != null) {
        registry.close();
      }
    } finally {
      broker.stop();
    }
  }
}
