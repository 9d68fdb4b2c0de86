package io.socstream.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.socstream.avro.EstimateStatus;
import io.socstream.avro.SocEstimate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ops endpoints against a fake store lookup: metric series names, liveness and readiness (Kafka
 * Streams state, broker contact and dead-letter share on a controlled clock) with their reasons,
 * latest SOC as JSON, 404 for an unknown battery, forwarding to the owning instance.
 */
class OpsServerTest {

  private static final Instant T = Instant.ofEpochMilli(1_700_000_123_456L);

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<KafkaStreams.State> state =
      new AtomicReference<>(KafkaStreams.State.CREATED);
  private final AtomicLong clock = new AtomicLong(1_000_000L);
  private final AtomicLong lastBrokerContact = new AtomicLong(-1);
  private final DeadLetterWindow deadLetters = new DeadLetterWindow(1000);
  private OpsServer server;
  private OpsServer owner;

  @BeforeEach
  void start() throws Exception {
    PrometheusMeterRegistry ownerRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    owner =
        OpsServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            ownerRegistry,
            () -> Readiness.up("RUNNING"),
            id ->
                id.equals("remote-1")
                    ? new LatestSocLookup.Found(estimate("remote-1", 0.42))
                    : new LatestSocLookup.NotFound());
    Map<String, LatestSocLookup.Result> results =
        Map.of(
            "cell-7", new LatestSocLookup.Found(estimate("cell-7", 0.8125)),
            "remote-1", new LatestSocLookup.Elsewhere("127.0.0.1", owner.port()),
            "restoring", new LatestSocLookup.Unavailable("restoring"));
    server =
        OpsServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            registry,
            new EngineReadiness(state::get, broker(), deadLetters, 0.5, clock::get),
            id -> results.getOrDefault(id, new LatestSocLookup.NotFound()));
  }

  @AfterEach
  void stop() {
    server.close();
    owner.close();
  }

  // "try": the binding only has to exist (and be closed) while /metrics is read.
  @SuppressWarnings("try")
  @Test
  void metricsExposeTheEngineSeriesAndKafkaStreamsClientMetrics() throws Exception {
    SocMetrics metrics = new SocMetrics(registry);
    metrics.recordIn();
    metrics.recordIn();
    metrics.estimateOut();
    metrics.deadLetter("LATE");
    metrics.deadLetter("OUT_OF_RANGE");
    metrics.deadLetter("LATE");
    metrics.inference(16, 4_000_000L);

    KafkaStreams streams = idleStreams();
    try (OpsMetrics bound = OpsMetrics.bind(registry, streams)) {
      HttpResponse<String> r = get("/metrics");

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
      String body = r.body();
      assertThat(body)
          .contains("soc_records_in_total 2.0")
          .contains("soc_estimates_out_total 1.0")
          .contains("soc_dead_letters_total{reason=\"LATE\"} 2.0")
          .contains("soc_dead_letters_total{reason=\"OUT_OF_RANGE\"} 1.0")
          .contains("soc_inference_latency_seconds_bucket{")
          .contains("soc_inference_latency_seconds_count 1")
          .contains("soc_inference_batch_size_bucket{le=\"16.0\"} 1")
          .contains("soc_inference_batch_size_count 1")
          .contains("kafka_stream_")
          .contains("jvm_memory_used_bytes");
    } finally {
      streams.close();
    }
  }

  @Test
  void liveWhileServingReadyOnlyWhenRunningWithTheBrokerInReach() throws Exception {
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
    assertThat(get("/health/live").body()).isEqualTo("{\"status\":\"UP\"}");
    clock.addAndGet(3_000);
    assertReady(
        503,
        "{\"status\":\"DOWN\",\"state\":\"CREATED\",\"reason\":\"broker not reached yet (for 3 s)\"}");

    lastBrokerContact.set(clock.get());
    assertReady(
        503, "{\"status\":\"DOWN\",\"state\":\"CREATED\",\"reason\":\"Kafka Streams is CREATED\"}");
    state.set(KafkaStreams.State.REBALANCING);
    assertReady(
        503,
        "{\"status\":\"DOWN\",\"state\":\"REBALANCING\",\"reason\":\"Kafka Streams is REBALANCING\"}");
    state.set(KafkaStreams.State.RUNNING);
    assertReady(200, "{\"status\":\"UP\",\"state\":\"RUNNING\"}");

    // The broker stops answering: ready until 30 s of silence, then 503 with how long.
    clock.addAndGet(30_000);
    assertReady(200, "{\"status\":\"UP\",\"state\":\"RUNNING\"}");
    clock.addAndGet(12_000);
    assertReady(
        503,
        "{\"status\":\"DOWN\",\"state\":\"RUNNING\",\"reason\":\"broker unreachable for 42 s\"}");
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
    lastBrokerContact.set(clock.get());
    assertReady(200, "{\"status\":\"UP\",\"state\":\"RUNNING\"}");

    state.set(KafkaStreams.State.ERROR);
    assertReady(
        503, "{\"status\":\"DOWN\",\"state\":\"ERROR\",\"reason\":\"Kafka Streams is ERROR\"}");
  }

  @Test
  void notReadyWhileMostRecentRecordsAreDeadLetters() throws Exception {
    state.set(KafkaStreams.State.RUNNING);
    lastBrokerContact.set(clock.get());
    for (int i = 0; i < 1000; i++) {
      deadLetters.recordIn();
      if (i % 2 == 0) {
        deadLetters.deadLetter();
      }
    }
    assertReady(200, "{\"status\":\"UP\",\"state\":\"RUNNING\"}"); // exactly 50 %: not above
    for (int i = 0; i < 600; i++) {
      deadLetters.recordIn();
      deadLetters.deadLetter();
    }
    assertReady(
        503,
        "{\"status\":\"DOWN\",\"state\":\"RUNNING\",\"reason\":\"dead letters are 80 % of the last"
            + " 1000 records (limit 50 %)\"}");
  }

  @Test
  void unknownHealthPathIs404() throws Exception {
    assertThat(get("/health/nope").statusCode()).isEqualTo(404);
  }

  /** /health/ready and /health answer the same. */
  private void assertReady(int status, String body) throws Exception {
    for (String path : new String[] {"/health/ready", "/health"}) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(status);
      assertThat(r.body()).as(path).isEqualTo(body);
    }
  }

  private BrokerContact broker() {
    long since = clock.get();
    return new BrokerContact() {
      @Override
      public OptionalLong lastContactMillis() {
        long last = lastBrokerContact.get();
        return last < 0 ? OptionalLong.empty() : OptionalLong.of(last);
      }

      @Override
      public long watchingSinceMillis() {
        return since;
      }
    };
  }

  @Test
  void latestSocAsJsonAnd404ForUnknownBattery() throws Exception {
    HttpResponse<String> found = get("/batteries/cell-7/soc");
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(found.body())
        .contains("\"battery_id\":\"cell-7\"")
        .contains("\"soc\":0.8125")
        .contains("\"status\":\"OK\"")
        .contains("\"timestamp\":1700000123456");

    HttpResponse<String> unknown = get("/batteries/nope/soc");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("\"error\":\"unknown battery\"").contains("\"nope\"");

    assertThat(get("/batteries/restoring/soc").statusCode()).isEqualTo(503);
    assertThat(get("/batteries/cell-7").statusCode()).isEqualTo(404);
    assertThat(get("/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void batteryOwnedByAnotherInstanceIsAnsweredByIt() throws Exception {
    HttpResponse<String> r = get("/batteries/remote-1/soc");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"battery_id\":\"remote-1\"").contains("\"soc\":0.42");
    assertThat(r.headers().firstValue("X-Soc-Served-By")).hasValue("127.0.0.1:" + owner.port());
  }

  @Test
  void onlyGetAndHead() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri("/health"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(405);
  }

  private KafkaStreams idleStreams() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in").to("out");
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "ops-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
    p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    return new KafkaStreams(builder.build(), p);
  }

  @Test
  void servesAddedJsonEndpointsSuchAsModels() throws Exception {
    Map<String, Object> models = new java.util.LinkedHashMap<>();
    models.put("topic", "soc.models");
    models.put("primary", Map.of("version", "v2"));
    server.serve("/models", () -> models);

    HttpResponse<String> r = get("/models");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.body()).isEqualTo("{\"topic\":\"soc.models\",\"primary\":{\"version\":\"v2\"}}");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static SocEstimate estimate(String id, double soc) {
    return SocEstimate.newBuilder()
        .setBatteryId(id)
        .setTimestamp(T)
        .setSoc(soc)
        .setSocRaw(soc)
        .setStatus(EstimateStatus.OK)
        .setModelVersion("test-model")
        .setWindowStart(T.minusSeconds(100))
        .setWindowEnd(T)
        .setSamplesUsed(100)
        .setSegmentSamples(1000)
        .setWarmupHorizonMs(500_000)
        .setInferenceBatchSize(16)
        .setProducedAt(T.plusMillis(20))
        .build();
  }
}
