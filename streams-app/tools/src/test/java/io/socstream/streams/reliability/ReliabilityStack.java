package io.socstream.streams.reliability;

import io.socstream.streams.cli.SocCli;
import io.socstream.streams.testing.SocProcess;
import io.socstream.streams.tools.TopicReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The processes of a reliability scenario: {@code soc broker} (Kafka + registry) and {@code soc
 * run} each in its own JVM from the packaged jar (so a SIGKILL is a real crash), replay as paced
 * in-process clients. Every process it starts is killed by {@link #close()}.
 */
final class ReliabilityStack implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final Path dir;
  final int kafkaPort;
  final int registryPort;
  private final List<SocProcess> processes = new ArrayList<>();
  private SocProcess broker;

  ReliabilityStack(Path dir) throws IOException {
    this.dir = dir;
    this.kafkaPort = freePort();
    this.registryPort = freePort();
  }

  String bootstrap() {
    return "localhost:" + kafkaPort;
  }

  String registry() {
    return "http://localhost:" + registryPort;
  }

  /** Starts (or restarts, same ports and data) the broker and waits for the registry. */
  SocProcess startBroker() throws InterruptedException {
    List<String> args =
        List.of(
            "broker",
            "--port",
            Integer.toString(kafkaPort),
            "--registry-port",
            Integer.toString(registryPort),
            "--dir",
            dir.resolve("broker").toString());
    int before = broker == null ? 0 : broker.lines().size();
    broker = started(SocProcess.start("broker", args, Map.of(), dir.resolve("broker.log")));
    Pattern ready = Pattern.compile("(?i)schema registry.*" + registryPort);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    // the log is appended across restarts: wait for a registry line that this start wrote
    while (broker.lines().stream().skip(before).noneMatch(l -> ready.matcher(l).find())) {
      if (!broker.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("broker did not start\n" + broker.tail());
      }
      Thread.sleep(100);
    }
    return broker;
  }

  SocProcess broker() {
    return broker;
  }

  /** One engine instance: the application's settings plus its own state dir and ops port. */
  record Engine(Map<String, String> environment, int opsPort, Path log) {
    String ops() {
      return "http://localhost:" + opsPort;
    }
  }

  /** The settings of {@code soc run} for {@code app}: topics named after it, its state dir. */
  Engine engine(String app, String instance, Map<String, String> extra) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("SOC_BOOTSTRAP_SERVERS", bootstrap());
    env.put("SOC_SCHEMA_REGISTRY_URL", registry());
    env.put("SOC_APPLICATION_ID", app);
    env.put("SOC_TOPIC_TELEMETRY", app + ".telemetry");
    env.put("SOC_TOPIC_SOC", app + ".soc");
    env.put("SOC_TOPIC_DLQ", app + ".dlq");
    env.put("SOC_STATE_DIR", dir.resolve("state-" + instance).toString());
    env.put("SOC_INSTANCE_ID", instance);
    int ops = freePort();
    env.put("SOC_OPS_PORT", Integer.toString(ops));
    env.put("TF_CPP_MIN_LOG_LEVEL", "2");
    env.putAll(extra);
    return new Engine(env, ops, dir.resolve(instance + ".log"));
  }

  /** Starts {@code soc run} as configured; does not wait. */
  SocProcess start(Engine engine) {
    return started(SocProcess.start("run", List.of("run"), engine.environment(), engine.log()));
  }

  /** Waits until {@code /health/ready} answers 200. */
  static void awaitReady(Engine engine, SocProcess process, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (status(engine.ops() + "/health/ready") == 200) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("run exited before it was ready\n" + process.tail());
      }
      Thread.sleep(200);
    }
    throw new AssertionError("run not ready within " + timeout + "\n" + process.tail());
  }

  static int status(String url) throws InterruptedException {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException notListening) {
      return -1;
    }
  }

  /**
   * {@code soc replay --input csv --battery-id battery --speed speed} into {@code topic}, on its
   * own thread; completes with the exit code and the error output.
   */
  CompletableFuture<String> replay(Path csv, String battery, String topic, double speed) {
    return CompletableFuture.supplyAsync(
        () -> {
          StringWriter err = new StringWriter();
          int code =
              SocCli.execute(
                  new String[] {
                    "replay",
                    "--input",
                    csv.toString(),
                    "--battery-id",
                    battery,
                    "--topic",
                    topic,
                    "--speed",
                    Double.toString(speed),
                    "--bootstrap-servers",
                    bootstrap(),
                    "--registry",
                    registry()
                  },
                  new PrintWriter(new StringWriter(), true),
                  new PrintWriter(err, true));
          if (code != 0) {
            throw new IllegalStateException("replay " + battery + " exited " + code + ": " + err);
          }
          return err.toString();
        },
        runnable -> {
          Thread t = new Thread(runnable, "replay-" + battery);
          t.setDaemon(true);
          t.start();
        });
  }

  /** Records in {@code app}'s dead-letter topic now (committed ones). */
  int deadLetters(String app) {
    return TopicReader.readAll(bootstrap(), app + ".dlq").size();
  }

  private SocProcess started(SocProcess p) {
    processes.add(p);
    return p;
  }

  @Override
  public void close() {
    for (SocProcess p : processes) {
      p.close();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
