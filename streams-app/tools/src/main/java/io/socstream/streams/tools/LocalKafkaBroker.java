package io.socstream.streams.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka (KRaft, combined broker + controller) in this JVM, for development
 * without Docker ({@code ./soc broker}) and for the embedded demo.
 *
 * <p>Its data lives in {@code dir/data}; the directory is formatted (new cluster id) on the first
 * start and reused afterwards, so topics survive a restart. The settings are those of a development
 * cluster: replication factor 1 everywhere, including the offsets and transaction state topics (min
 * ISR 1), so exactly-once processing works on one node. The PLAINTEXT listener is {@code host:port}
 * ({@code port} 0 = a free port); the controller listens on a second free port.
 *
 * <p>Nothing is deleted for its age or size: replayed telemetry keeps its recorded timestamps
 * (years old) and estimates carry measurement time, so the usual 7-day time retention would delete
 * them at the next retention check. {@code log.retention.ms} and {@code log.retention.bytes} are -1
 * (a topic created with its own {@code retention.ms} still uses that), and records of any age are
 * accepted ({@code log.message.timestamp.before.max.ms} unlimited, Kafka's default, set explicitly;
 * {@code after.max.ms} stays Kafka's 1 hour, which old records never meet). Auto-created topics get
 * {@value #DEFAULT_PARTITIONS} partitions.
 */
public final class LocalKafkaBroker implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  /** Partitions of an auto-created topic, as many as the engine's topics have. */
  static final int DEFAULT_PARTITIONS = 6;

  private final Path dir;
  private final String host;
  private final int port;
  private final int controllerPort;
  private final Map<String, String> overrides;
  private KafkaRaftServer server;

  private LocalKafkaBroker(
      Path dir, String host, int port, int controllerPort, Map<String, String> overrides) {
    this.dir = dir;
    this.host = host;
    this.port = port;
    this.controllerPort = controllerPort;
    this.overrides = Map.copyOf(overrides);
  }

  /**
   * A broker for {@code dir} on {@code host:port}; {@link #start()} starts it.
   *
   * @param port the client port, 0 = a free one
   */
  public static LocalKafkaBroker create(Path dir, String host, int port) {
    return create(dir, host, port, Map.of());
  }

  /**
   * As {@link #create(Path, String, int)}, with broker settings replaced (e.g. {@code
   * log.retention.check.interval.ms}); {@code ./soc broker --set}.
   */
  public static LocalKafkaBroker create(
      Path dir, String host, int port, Map<String, String> overrides) {
    return new LocalKafkaBroker(
        dir.toAbsolutePath(), host, port == 0 ? freePort(host) : port, freePort(host), overrides);
  }

  /** Formats the directory when it is new, starts the node and waits until it serves clients. */
  public synchronized LocalKafkaBroker start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    try {
      Files.createDirectories(dir);
      Properties props = serverProperties();
      Path configFile = dir.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(configFile)) {
        props.store(out, "soc-stream local broker (written on every start)");
      }
      if (!Files.exists(dataDir().resolve("meta.properties"))) {
        format(configFile);
      }
      server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      awaitReady();
      return this;
    } catch (IOException e) {
      stop();
      throw new UncheckedIOException(
          "Cannot start the broker in " + dir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  /** {@code host:port} for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return host + ":" + port;
  }

  /** The directory holding the configuration and the log data. */
  public Path dir() {
    return dir;
  }

  /** Stops the node (controlled shutdown) and waits for it; does nothing when not running. */
  public synchronized void stop() {
    if (server != null) {
      KafkaRaftServer s = server;
      server = null;
      s.shutdown();
      s.awaitShutdown();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private Path dataDir() {
    return dir.resolve("data");
  }

  Properties serverProperties() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dataDir().toString());
    p.put("num.partitions", Integer.toString(DEFAULT_PARTITIONS));
    p.put("log.retention.ms", "-1");
    p.put("log.retention.bytes", "-1");
    p.put("log.message.timestamp.before.max.ms", Long.toString(Long.MAX_VALUE));
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "true");
    p.putAll(overrides);
    return p;
  }

  private void format(Path configFile) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int rc;
    try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      rc =
          StorageTool.execute(
              new String[] {
                "format",
                "--config",
                configFile.toString(),
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--ignore-formatted"
              },
              out);
    }
    if (rc != 0) {
      throw new IllegalStateException(
          "Formatting " + dataDir() + " failed: " + captured.toString(StandardCharsets.UTF_8));
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000))) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "The broker did not serve clients on "
                  + bootstrapServers()
                  + " within "
                  + READY_TIMEOUT);
        }
        sleep(100);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + host, e);
    }
  }
}
