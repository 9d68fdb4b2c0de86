package io.socstream.streams.cli;

import io.socstream.streams.tools.LocalKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./soc broker}: a local single-node KRaft broker until Ctrl-C. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a local single-node Kafka (KRaft, broker and controller in one process) for"
          + " development without Docker, until Ctrl-C. Formats --dir on first start; topics"
          + " survive restarts. Replication factor 1 everywhere, so exactly-once works."
    })
public final class BrokerCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "9092",
      description = "Client (PLAINTEXT) port; 0 = a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--host",
      defaultValue = "localhost",
      description = "Host to listen on and advertise. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(
      names = "--dir",
      defaultValue = "${sys:user.home}/.soc-stream/broker",
      description = "Data directory. Default: ${DEFAULT-VALUE}.")
  Path dir;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535");
    }
    LocalKafkaBroker broker = LocalKafkaBroker.create(dir, host, port).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.err.println("soc broker: stopping ...");
                  broker.stop();
                  stopped.countDown();
                },
                "soc-broker-shutdown"));
    spec.commandLine()
        .getOut()
        .println(
            "Kafka broker running: bootstrap servers "
                + broker.bootstrapServers()
                + " (data in "
                + broker.dir()
                + "); Ctrl-C stops it.");
    spec.commandLine().getOut().flush();
    stopped.await();
    return SocCli.OK;
  }
}
