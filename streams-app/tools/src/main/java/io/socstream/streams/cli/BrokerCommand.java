package io.socstream.streams.cli;

import io.socstream.streams.tools.LocalDevCluster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./soc broker}: a local Kafka and schema registry until Ctrl-C. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a development cluster in one process until Ctrl-C: a single-node Kafka (KRaft, broker"
          + " and controller) and a Confluent-compatible schema registry (Avro). Formats --dir on"
          + " first start; topics, records and schemas survive restarts. Replication factor 1"
          + " everywhere, so exactly-once works; nothing is deleted for its age (retention -1);"
          + " auto-created topics get 6 partitions."
    })
public final class BrokerCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "9092",
      description = "Kafka client (PLAINTEXT) port; 0 = a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--registry-port",
      defaultValue = "8081",
      description =
          "Schema registry (HTTP) port; 0 = a free one, -1 = no registry. Default:"
              + " ${DEFAULT-VALUE}.")
  int registryPort;

  @Option(
      names = "--host",
      defaultValue = "localhost",
      description =
          "Host that Kafka and the registry listen on (and Kafka advertises). Default:"
              + " ${DEFAULT-VALUE}.")
  String host;

  @Option(
      names = "--dir",
      defaultValue = "${sys:user.home}/.soc-stream/broker",
      description =
          "Data directory (Kafka's data in data/, schemas in registry/). Default:"
              + " ${DEFAULT-VALUE}.")
  Path dir;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "A Kafka broker setting replacing the development default (repeatable), e.g."
              + " --set log.retention.check.interval.ms=1000.")
  Map<String, String> brokerSettings = new LinkedHashMap<>();

  @Override
  public Integer call() throws InterruptedException {
    validate();
    LocalDevCluster cluster = LocalDevCluster.start(dir, host, port, registryPort, brokerSettings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.err.println("soc broker: stopping ...");
                  cluster.close();
                  stopped.countDown();
                  // Stopped cleanly: exit 0, not the JVM's 128 + signal number (143 for SIGTERM).
                  Runtime.getRuntime().halt(SocCli.OK);
                },
                "soc-broker-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("Kafka broker:    " + cluster.bootstrapServers());
    out.println(
        "Schema registry: "
            + (cluster.registryUrl() == null
                ? "(none, --registry-port -1)"
                : cluster.registryUrl()));
    out.println("Data directory:  " + cluster.dir());
    out.println("Ctrl-C stops both.");
    out.flush();
    stopped.await();
    return SocCli.OK;
  }

  private void validate() {
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535");
    }
    if (registryPort < LocalDevCluster.NO_REGISTRY || registryPort > 65535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--registry-port must be -1 (none) or 0..65535");
    }
    if (port != 0 && port == registryPort) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--registry-port must differ from --port (" + port + ")");
    }
  }
}
