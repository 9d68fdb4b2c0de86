package io.socstream.streams.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.socstream.streams.SocStreamsApp;
import io.socstream.streams.TopologyNames;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.ops.OpsMetrics;
import io.socstream.streams.ops.OpsServer;
import io.socstream.streams.ops.StreamsLatestSocLookup;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
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
          + " Ctrl-C, with the ops HTTP endpoint: /metrics (Prometheus), /health,"
          + " /batteries/{id}/soc.",
      "Settings: the --config properties file, then SOC_* environment variables (e.g."
          + " SOC_BOOTSTRAP_SERVERS overrides soc.bootstrap.servers); kafka.* keys go to Kafka"
          + " Streams as they are. Set kafka.application.server=HOST:OPS_PORT on every instance"
          + " so that /batteries/{id}/soc is forwarded to the instance owning the battery.",
      "Exits 1 with a message naming the setting when the configuration is invalid."
    })
public final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

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
    int port = opsPort(settings);
    String host = opsHost == null ? settings.opsHost() : opsHost;
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SocStreamsApp app = SocStreamsApp.create(settings, registry);
    KafkaStreams streams = app.streams();
    OpsMetrics bound = OpsMetrics.bind(registry, streams);
    OpsServer ops = null;
    if (port >= 0) {
      try {
        ops =
            OpsServer.start(
                new InetSocketAddress(host, port),
                registry,
                streams::state,
                new StreamsLatestSocLookup(
                    streams,
                    TopologyNames.LATEST_SOC_STORE,
                    StreamsLatestSocLookup.hostInfo(
                        settings.kafkaOverrides().get("application.server"))));
      } catch (java.io.IOException | RuntimeException e) {
        app.close();
        bound.close();
        throw new IllegalStateException(
            "Cannot open the ops endpoint on " + host + ":" + port + ": " + e.getMessage(), e);
      }
    }

    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean failed = new AtomicBoolean();
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.ERROR) {
            failed.set(true);
            stopped.countDown();
          }
        });
    Duration timeout = Duration.ofSeconds(shutdownTimeoutSeconds);
    CountDownLatch closed = new CountDownLatch(1);
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
            },
            "soc-run-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      app.start();
      spec.commandLine()
          .getErr()
          .println(
              "soc run: "
                  + settings.applicationId()
                  + " on "
                  + settings.bootstrapServers()
                  + (ops == null
                      ? "; no ops endpoint"
                      : "; ops endpoint http://"
                          + host
                          + ":"
                          + ops.port()
                          + "/ (metrics, health, batteries/{id}/soc)"));
      spec.commandLine().getErr().flush();
      stopped.await();
    } finally {
      if (ops != null) {
        ops.close();
      }
      streams.close(timeout);
      app.close();
      bound.close();
      closed.countDown();
    }
    if (failed.get()) {
      throw new IllegalStateException(
          "Kafka Streams stopped with an error (see the log above); state " + streams.state());
    }
    return SocCli.OK;
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
