package io.socstream.streams.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.socstream.core.serde.SchemaRegistryException;
import io.socstream.streams.SocStreamsApp;
import io.socstream.streams.TopologyNames;
import io.socstream.streams.config.InvalidSettingException;
import io.socstream.streams.config.KafkaStreamsProperties;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.dlq.DeadLetterSchema;
import io.socstream.streams.ops.BrokerMonitor;
import io.socstream.streams.ops.EngineReadiness;
import io.socstream.streams.ops.OpsMetrics;
import io.socstream.streams.ops.OpsServer;
import io.socstream.streams.ops.StreamsLatestSocLookup;
import io.socstream.streams.ops.TopicSetup;
import io.socstream.streams.rollout.ModelTopicWatcher;
import io.socstream.streams.rollout.ModelsTopic;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./soc run}: the engine against a real cluster, with its ops endpoint. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the SOC estimation processor (Kafka Streams) against a real cluster until SIGTERM or"
          + " Ctrl-C (exit 0 after a clean close), with the ops HTTP endpoint: /metrics"
          + " (Prometheus), /health/live, /health/ready (= /health), /batteries/{id}/soc.",
      "Without soc.model.dir it serves the shipped model. It creates missing topics (6"
          + " partitions, retention.ms=-1; see soc.topics.*) and refuses a mock:// registry.",
      "Settings: the --config properties file, then SOC_* environment variables (e.g."
          + " SOC_BOOTSTRAP_SERVERS overrides soc.bootstrap.servers); kafka.* keys go to Kafka"
          + " Streams as they are. Set kafka.application.server=HOST:OPS_PORT on every instance"
          + " so that /batteries/{id}/soc is forwarded to the instance owning the battery.",
      "Exits 1 with a message naming the setting when the configuration is invalid."
    })
public final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  /** Longest wait for one round of listing and creating topics (also how long a stop may wait). */
  private static final Duration TOPIC_SETUP_TIMEOUT = Duration.ofSeconds(3);

  /** Longest wait for reading the models topic to its end at start-up. */
  private static final Duration MODELS_CATCH_UP_TIMEOUT = Duration.ofSeconds(60);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Properties file (default: $SOC_CONFIG, else defaults and environment only).")
  Path config;

  @Option(
      names = "--ops-port",
      paramLabel = "PORT",
      description =
          "Ops HTTP port; 0 = a free one, -1 = no endpoint (overrides "
              + SocStreamsConfig.OPS_PORT
              + " / SOC_OPS_PORT, default 8080).")
  Integer opsPort;

  @Option(
      names = "--ops-host",
      paramLabel = "HOST",
      description =
          "Address the ops endpoint listens on (overrides "
              + SocStreamsConfig.OPS_HOST
              + ", default 0.0.0.0).")
  String opsHost;

  @Option(
      names = "--shutdown-timeout",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description = "How long a shutdown may take to commit and close. Default: ${DEFAULT-VALUE}.")
  long shutdownTimeoutSeconds;

  @Override
  public Integer call() throws Exception {
    SocStreamsConfig settings = SocStreamsConfig.load(configFile());
    refuseMockRegistry(settings);
    int port = opsPort(settings);
    String host = opsHost == null ? settings.opsHost() : opsHost;
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SocStreamsApp app = SocStreamsApp.create(settings, registry);
    KafkaStreams streams = app.streams();
    OpsMetrics bound = OpsMetrics.bind(registry, streams);
    Admin admin = Admin.create(adminConfig(settings));
    BrokerMonitor broker = BrokerMonitor.of(settings.bootstrapServers(), admin);
    ScheduledExecutorService monitor = monitorThread();
    // A periodic task that throws is never run again, silently: log and go on instead.
    ScheduledFuture<?> unused =
        monitor.scheduleWithFixedDelay(
            () -> {
              try {
                broker.probe();
                app.deadLetterLog().summarizeIfDue();
              } catch (RuntimeException e) {
                LOG.warn("Broker probe or dead-letter summary failed: {}", e.toString());
              }
            },
            0,
            BrokerMonitor.INTERVAL.toMillis(),
            TimeUnit.MILLISECONDS);
    OpsServer ops = null;
    if (port >= 0) {
      try {
        ops =
            OpsServer.start(
                new InetSocketAddress(host, port),
                registry,
                new EngineReadiness(
                    streams::state,
                    broker,
                    app.metrics().recentDeadLetters(),
                    settings.healthMaxDlqRatio(),
                    System::currentTimeMillis),
                new StreamsLatestSocLookup(
                    streams,
                    TopologyNames.BATTERY_STATE_STORE,
                    StreamsLatestSocLookup.hostInfo(
                        settings.kafkaOverrides().get("application.server"))));
      } catch (java.io.IOException | RuntimeException e) {
        monitor.shutdownNow();
        admin.close(Duration.ZERO);
        app.close();
        bound.close();
        throw new IllegalStateException(
            "Cannot open the ops endpoint on " + host + ":" + port + ": " + e.getMessage(), e);
      }
    }

    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean failed = new AtomicBoolean();
    app.addStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.ERROR) {
            failed.set(true);
            stopped.countDown();
          }
        });
    Duration timeout = Duration.ofSeconds(shutdownTimeoutSeconds);
    CountDownLatch closed = new CountDownLatch(1);
    AtomicInteger exitCode = new AtomicInteger(ProcessorCli.FAILED);
    // On SIGTERM or Ctrl-C the JVM runs this hook; it lets call() close everything cleanly, then
    // ends the JVM with call()'s exit code (0 after a clean close). Without the halt the JVM would
    // exit with 128 + the signal number (143 for SIGTERM) whatever happened.
    Thread hook =
        new Thread(
            () -> {
              LOG.info("Shutting down (at most {})", timeout);
              stopped.countDown();
              try {
                closed.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Runtime.getRuntime().halt(exitCode.get());
            },
            "soc-run-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (ensureTopics(admin, settings, stopped)
          && registerDeadLetterSchema(app.deadLetterSchema(), stopped)) {
        // Null when not following, or when stopped while the models topic was unreadable.
        ModelTopicWatcher models = settings.modelsFollow() ? followModels(app, stopped) : null;
        if (!settings.modelsFollow() || models != null) {
          if (models != null && ops != null) {
            ops.serve("/models", models::view);
          }
          app.start(ops == null ? null : opsUrl(host, ops.port()));
          stopped.await();
        }
      }
    } finally {
      if (ops != null) {
        ops.close();
      }
      monitor.shutdownNow();
      boolean clean = app.close(timeout);
      if (!clean) {
        LOG.warn(
            "Kafka Streams did not close within {} (is the broker reachable?); exiting anyway:"
                + " uncommitted work is redone after the restart",
            timeout);
      }
      admin.close(Duration.ofSeconds(5));
      bound.close();
      exitCode.set(failed.get() || !clean ? ProcessorCli.FAILED : ProcessorCli.OK);
      closed.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // A signal started the JVM's shutdown: the hook ends it with exitCode.
      }
    }
    if (failed.get()) {
      throw new IllegalStateException(
          "Kafka Streams stopped with an error (see the log above); state " + streams.state());
    }
    return ProcessorCli.OK;
  }

  /**
   * Creates the missing topics before Kafka Streams starts (which would otherwise fail with
   * MissingSourceTopicException); while the cluster does not answer, keeps trying (the broker
   * monitor logs the outage). False when stopped meanwhile.
   */
  private static boolean ensureTopics(
      Admin admin, SocStreamsConfig settings, CountDownLatch stopped) throws InterruptedException {
    while (stopped.getCount() > 0) {
      try {
        TopicSetup.ensure(admin, settings, TOPIC_SETUP_TIMEOUT);
        if (settings.modelsFollow()
            && ModelsTopic.ensure(
                admin, settings.modelsTopic(), settings.topicsReplication(), TOPIC_SETUP_TIMEOUT)) {
          LOG.info("Created the models topic {} (compacted)", settings.modelsTopic());
        }
        return true;
      } catch (TimeoutException e) {
        if (stopped.await(1, TimeUnit.SECONDS)) {
          return false;
        }
      }
    }
    return false;
  }

  /**
   * Reads the models topic to its end and follows it; while the broker does not serve it, keeps
   * trying with a WARN per attempt (a transient outage is waited out). Null when stopped meanwhile.
   */
  private static ModelTopicWatcher followModels(SocStreamsApp app, CountDownLatch stopped)
      throws InterruptedException {
    while (stopped.getCount() > 0) {
      try {
        return app.followModels(MODELS_CATCH_UP_TIMEOUT);
      } catch (TimeoutException e) {
        LOG.warn(
            "Could not read the models topic to its end within {} s ({}); still trying",
            MODELS_CATCH_UP_TIMEOUT.toSeconds(),
            e.getMessage());
        if (stopped.await(1, TimeUnit.SECONDS)) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * Registers (or finds) the DeadLetter schema before Kafka Streams starts, so that dead-lettering
   * never needs the registry later; while the registry does not answer, keeps trying with a WARN
   * (the first failure, then every 30 s). False when stopped meanwhile.
   */
  private static boolean registerDeadLetterSchema(DeadLetterSchema schema, CountDownLatch stopped)
      throws InterruptedException {
    long start = System.nanoTime();
    long nextWarn = start;
    while (stopped.getCount() > 0) {
      try {
        int id = schema.register();
        LOG.info(
            "DeadLetter schema id {} under subject {} in {}",
            id,
            schema.subject(),
            schema.registryUrl());
        return true;
      } catch (SchemaRegistryException e) {
        int status = e.httpStatus();
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
          // A definite refusal (incompatible schema, not authorized): waiting will not help.
          throw new IllegalStateException(
              "the schema registry refused the DeadLetter schema: " + e.getMessage(), e);
        }
        long now = System.nanoTime();
        if (now >= nextWarn) {
          LOG.warn(
              "Schema registry {} unavailable for {} s, waiting to register the DeadLetter schema"
                  + " before starting: {}",
              schema.registryUrl(),
              Duration.ofNanos(now - start).toSeconds(),
              e.getMessage());
          nextWarn = now + Duration.ofSeconds(30).toNanos();
        }
        if (stopped.await(1, TimeUnit.SECONDS)) {
          return false;
        }
      }
    }
    return false;
  }

  /**
   * A {@code mock://} registry lives inside one JVM: records written by {@code replay} or any other
   * process carry schema ids this process cannot resolve, and every one goes to the dead-letter
   * topic. Only tests and the demo, which run everything in one JVM, may use it.
   */
  static void refuseMockRegistry(SocStreamsConfig settings) {
    String url = settings.schemaRegistryUrl();
    for (String one : url.split(",")) {
      if (one.strip().startsWith("mock://")) {
        throw new InvalidSettingException(
            SocStreamsConfig.SCHEMA_REGISTRY_URL,
            url,
            "a mock:// registry exists only inside one process, so run could not decode what"
                + " replay or any other producer writes (mock:// is for tests and the demo); use a"
                + " schema registry, e.g. ./soc broker's http://localhost:8081");
      }
    }
  }

  /** The admin client's settings: Kafka Streams' own, with every kafka.* override (security). */
  private static Map<String, Object> adminConfig(SocStreamsConfig settings) {
    return new StreamsConfig(KafkaStreamsProperties.of(settings)).getAdminConfigs("soc-run-admin");
  }

  private static String opsUrl(String host, int port) {
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    return "http://" + shown + ":" + port + "/";
  }

  private static ScheduledExecutorService monitorThread() {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, "soc-run-monitor");
          t.setDaemon(true);
          return t;
        });
  }

  private Path configFile() {
    Path file = config;
    if (file == null) {
      String fromEnv = System.getenv("SOC_CONFIG");
      file = fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
    }
    if (file != null && !Files.isRegularFile(file)) {
      throw new IllegalArgumentException("Configuration file " + file + " does not exist");
    }
    return file;
  }

  /** --ops-port, else soc.ops.port (from the file or SOC_OPS_PORT). */
  private int opsPort(SocStreamsConfig settings) {
    if (opsPort == null) {
      return settings.opsPort();
    }
    if (opsPort < -1 || opsPort > 65535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--ops-port must be -1..65535, was " + opsPort);
    }
    return opsPort;
  }
}
