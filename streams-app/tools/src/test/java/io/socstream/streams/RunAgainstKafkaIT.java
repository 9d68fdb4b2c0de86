package io.socstream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socstream.core.data.LgCsvReader;
import io.socstream.core.estimate.RecordingEstimator;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.core.inference.SocSeries;
import io.socstream.streams.cli.SocCli;
import io.socstream.streams.testing.SocProcess;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Run against Kafka" steps, as written, with real processes: {@code soc broker}
 * (Kafka + schema registry) and {@code soc run} each in its own JVM from the packaged jar; {@code
 * soc replay} and {@code soc tail} as clients over real sockets. Checks the estimates against the
 * offline {@code predict} path, the {@code tail} output, the ops endpoint, that 2018 timestamps
 * survive the broker's retention check, that ready turns 503 when the broker stops and 200 again
 * when it is back, and that SIGTERM exits 0.
 */
class RunAgainstKafkaIT {

  /** The README's replay input, a held-out US06 cycle at 25 °C. */
  private static final Path CYCLE = Path.of("src/main/resources/demo/25degC_551_US06.csv");

  private static final String BATTERY = "25degC_551_US06";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path dir;

  private final List<SocProcess> processes = new ArrayList<>();

  @AfterEach
  void stopProcesses() {
    for (SocProcess p : processes) {
      p.close();
    }
  }

  @Test
  void theReadmeStepsWorkAsWritten() throws Exception {
    int kafkaPort = freePort();
    int registryPort = freePort();
    int opsPort = freePort();
    String bootstrap = "localhost:" + kafkaPort;
    String registry = "http://localhost:" + registryPort;

    // 1. ./soc broker (retention checked every second, so that old data would go at once)
    List<String> brokerArgs =
        List.of(
            "broker",
            "--port",
            Integer.toString(kafkaPort),
            "--registry-port",
            Integer.toString(registryPort),
            "--dir",
            dir.resolve("broker").toString(),
            "--set",
            "log.retention.check.interval.ms=1000");
    SocProcess broker =
        started(SocProcess.start("broker", brokerArgs, Map.of(), dir.resolve("broker.log")));
    broker.awaitLine("(?i)schema registry.*" + registryPort, Duration.ofSeconds(90));

    // 2. ./soc run, with the defaults but for the addresses and the state dir
    SocProcess run =
        started(
            SocProcess.start(
                "run",
                List.of("run"),
                Map.of(
                    "SOC_BOOTSTRAP_SERVERS",
                    bootstrap,
                    "SOC_SCHEMA_REGISTRY_URL",
                    registry,
                    "SOC_STATE_DIR",
                    dir.resolve("state").toString(),
                    "SOC_OPS_PORT",
                    Integer.toString(opsPort),
                    "TF_CPP_MIN_LOG_LEVEL",
                    "2"),
                dir.resolve("run.log")));
    String ops = "http://localhost:" + opsPort;
    awaitStatus(ops + "/health/ready", 200, Duration.ofSeconds(120), run);

    // 3. ./soc replay
    Cli replay =
        soc(
            "replay",
            "--input",
            CYCLE.toString(),
            "--max-speed",
            "--bootstrap-servers",
            bootstrap,
            "--registry",
            registry);
    assertThat(replay.exitCode).as(replay.err).isZero();

    // 4. ./soc tail: every estimate, equal to the offline predict path
    SocSeries offline = offline();
    Cli tail =
        soc(
            "tail",
            "--topic",
            "battery.soc",
            "--from-beginning",
            "--max",
            Integer.toString(offline.timestampMs().length),
            "--idle-timeout",
            "120",
            "--bootstrap-servers",
            bootstrap,
            "--registry",
            registry);
    assertThat(tail.exitCode).as(tail.err).isZero();
    List<JsonNode> estimates = jsonLines(tail.out);
    assertThat(estimates).hasSize(offline.timestampMs().length);
    for (int i = 0; i < estimates.size(); i++) {
      JsonNode e = estimates.get(i);
      assertThat(e.get("battery_id").asText()).isEqualTo(BATTERY);
      assertThat(e.get("timestamp").isIntegralNumber()).as("timestamp is a number").isTrue();
      assertThat(e.get("timestamp").asLong()).isEqualTo(offline.timestampMs()[i]);
      assertThat(e.get("soc").asDouble()).isCloseTo(offline.estimate()[i], within(1e-6));
    }

    // 5. the ops endpoint answers for the battery
    HttpResponse<String> latest = get(ops + "/batteries/" + BATTERY + "/soc");
    assertThat(latest.statusCode()).isEqualTo(200);
    JsonNode newest = JSON.readTree(latest.body());
    assertThat(newest.get("timestamp").asLong())
        .isEqualTo(offline.timestampMs()[offline.timestampMs().length - 1]);

    // Recorded 2018 timestamps outlive the broker's retention check: the input is all still there.
    Thread.sleep(3_000);
    Cli input =
        soc(
            "tail",
            "--topic",
            "battery.telemetry",
            "--from-beginning",
            "--idle-timeout",
            "10",
            "--bootstrap-servers",
            bootstrap,
            "--registry",
            registry);
    assertThat(input.exitCode).as(input.err).isZero();
    List<JsonNode> telemetry = jsonLines(input.out);
    assertThat(telemetry).hasSize(LgCsvReader.read(CYCLE).size());
    assertThat(telemetry.get(0).get("timestamp").asLong()).isLessThan(1_600_000_000_000L);

    // The broker stops: ready turns 503 and says why; live stays 200.
    assertThat(broker.terminate(Duration.ofSeconds(60))).as(broker.tail()).isZero();
    HttpResponse<String> down =
        awaitStatus(ops + "/health/ready", 503, Duration.ofSeconds(60), run);
    assertThat(down.body()).containsIgnoringCase("broker");
    assertThat(get(ops + "/health/live").statusCode()).isEqualTo(200);

    // It comes back on the same ports and data: ready again, without a restart of the engine.
    SocProcess restarted =
        started(SocProcess.start("broker", brokerArgs, Map.of(), dir.resolve("broker.log")));
    awaitStatus(ops + "/health/ready", 200, Duration.ofSeconds(120), run);

    // SIGTERM: a clean close, exit 0 (the engine and the development cluster alike).
    assertThat(run.terminate(Duration.ofSeconds(60))).as(run.tail()).isZero();
    assertThat(restarted.terminate(Duration.ofSeconds(60))).as(restarted.tail()).isZero();
  }

  private SocProcess started(SocProcess p) {
    processes.add(p);
    return p;
  }

  private static SocSeries offline() throws IOException {
    Path modelDir = DriveCycle.shippedModel();
    assertThat(modelDir).as("the shipped model").isNotNull();
    try (SavedModelSocModel model = SavedModelSocModel.open(modelDir)) {
      return new RecordingEstimator(model).estimate(LgCsvReader.read(CYCLE)).fused();
    }
  }

  private static List<JsonNode> jsonLines(String out) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.split("\\R")) {
      if (!line.isBlank()) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }

  private static HttpResponse<String> awaitStatus(
      String url, int status, Duration timeout, SocProcess owner) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = get(url);
        if (last.statusCode() == status) {
          return last;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      assertThat(owner.isAlive()).as("process alive\n" + owner.tail()).isTrue();
      Thread.sleep(250);
    }
    throw new AssertionError(
        url
            + " did not answer "
            + status
            + " within "
            + timeout
            + "; last: "
            + (last == null ? "no answer" : last.statusCode() + " " + last.body())
            + "\n"
            + owner.tail());
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private record Cli(int exitCode, String out, String err) {}

  private static Cli soc(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SocCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Cli(code, out.toString(), err.toString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
