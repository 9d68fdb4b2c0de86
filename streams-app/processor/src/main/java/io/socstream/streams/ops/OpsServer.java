package io.socstream.streams.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.socstream.avro.SocEstimate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations HTTP endpoint of one instance (JDK HTTP server, a small thread pool):
 *
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text format 0.0.4 of the registry ({@link SocMetrics},
 *       Kafka Streams client metrics, JVM);
 *   <li>{@code GET /health/live}: 200 {@code {"status":"UP"}} while the process serves at all;
 *   <li>{@code GET /health/ready} (and {@code /health}): 200 {@code
 *       {"status":"UP","state":"RUNNING"}} when the instance is ready (the {@link Readiness} it is
 *       given, e.g. {@link EngineReadiness}), else 503 {@code
 *       {"status":"DOWN","state":...,"reason":...}};
 *   <li>{@code GET /batteries/{id}/soc}: the battery's newest estimate as JSON (Avro field names,
 *       timestamps as epoch milliseconds); 404 {@code {"error":...}} when unknown, 503 when the
 *       store cannot answer now. When another instance owns the battery the request is forwarded to
 *       that instance's {@code application.server} (once: a forwarded request is never forwarded
 *       again) and its answer returned.
 * </ul>
 */
public final class OpsServer implements AutoCloseable {

  /** Marks a request forwarded by another instance. */
  static final String FORWARDED_HEADER = "X-Soc-Forwarded";

  private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String JSON_TYPE = "application/json";

  private final HttpServer server;
  private final ExecutorService executor;
  private final PrometheusMeterRegistry registry;
  private final Supplier<Readiness> readiness;
  private final LatestSocLookup lookup;
  private final HttpClient client;

  private OpsServer(
      InetSocketAddress address,
      PrometheusMeterRegistry registry,
      Supplier<Readiness> readiness,
      LatestSocLookup lookup)
      throws IOException {
    this.registry = registry;
    this.readiness = readiness;
    this.lookup = lookup;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    this.server = HttpServer.create(address, 0);
    this.executor = Executors.newFixedThreadPool(4, daemonThreads());
    server.setExecutor(executor);
    server.createContext("/metrics", this::metrics);
    server.createContext("/health", this::health);
    server.createContext("/batteries/", this::battery);
    server.createContext("/", e -> send(e, 404, JSON_TYPE, error("no such endpoint")));
  }

  /**
   * Starts serving.
   *
   * @param address where to listen; port 0 = a free one ({@link #port()} tells which)
   * @param readiness what {@code /health/ready} answers
   */
  public static OpsServer start(
      InetSocketAddress address,
      PrometheusMeterRegistry registry,
      Supplier<Readiness> readiness,
      LatestSocLookup lookup)
      throws IOException {
    OpsServer ops = new OpsServer(address, registry, readiness, lookup);
    ops.server.start();
    return ops;
  }

  /**
   * Also answers {@code GET path} with {@code body}'s JSON (e.g. {@code /models}, the models in
   * service).
   */
  public OpsServer serve(String path, Supplier<? extends Map<String, ?>> body) {
    server.createContext(
        path,
        e -> {
          if (get(e)) {
            send(e, 200, JSON_TYPE, json(body.get()));
          }
        });
    return this;
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void metrics(HttpExchange e) throws IOException {
    if (!get(e)) {
      return;
    }
    send(e, 200, PROMETHEUS_TEXT, registry.scrape().getBytes(StandardCharsets.UTF_8));
  }

  private void health(HttpExchange e) throws IOException {
    if (!get(e)) {
      return;
    }
    String path = e.getRequestURI().getPath();
    if (path.equals("/health/live") || path.equals("/health/live/")) {
      send(e, 200, JSON_TYPE, json(Map.of("status", "UP")));
      return;
    }
    if (!path.equals("/health")
        && !path.equals("/health/")
        && !path.equals("/health/ready")
        && !path.equals("/health/ready/")) {
      send(e, 404, JSON_TYPE, error("expected /health/live or /health/ready"));
      return;
    }
    Readiness r;
    try {
      r = readiness.get();
    } catch (RuntimeException ex) {
      r = Readiness.down("UNKNOWN", "readiness check failed: " + ex.getMessage());
    }
    send(e, r.ready() ? 200 : 503, JSON_TYPE, json(r.json()));
  }

  private void battery(HttpExchange e) throws IOException {
    if (!get(e)) {
      return;
    }
    String path = e.getRequestURI().getRawPath();
    String[] parts = path.split("/", -1); // "", "batteries", id, "soc"
    if (parts.length != 4 || parts[2].isEmpty() || !parts[3].equals("soc")) {
      send(e, 404, JSON_TYPE, error("expected /batteries/{id}/soc"));
      return;
    }
    String id = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
    LatestSocLookup.Result result;
    try {
      result = lookup.find(id);
    } catch (RuntimeException ex) {
      LOG.warn("SOC lookup of {} failed", id, ex);
      result = new LatestSocLookup.Unavailable(ex.getMessage());
    }
    if (result instanceof LatestSocLookup.Found f) {
      send(e, 200, JSON_TYPE, json(estimateJson(f.estimate())));
    } else if (result instanceof LatestSocLookup.Elsewhere where) {
      forward(e, id, where);
    } else if (result instanceof LatestSocLookup.Unavailable u) {
      e.getResponseHeaders().add("Retry-After", "1");
      send(e, 503, JSON_TYPE, json(Map.of("error", "not available: " + u.reason())));
    } else {
      send(e, 404, JSON_TYPE, json(Map.of("error", "unknown battery", "battery_id", id)));
    }
  }

  private void forward(HttpExchange e, String id, LatestSocLookup.Elsewhere where)
      throws IOException {
    if (e.getRequestHeaders().containsKey(FORWARDED_HEADER)) {
      send(e, 503, JSON_TYPE, error("owner moved while forwarding; retry"));
      return;
    }
    URI target =
        URI.create(
            "http://"
                + where.host()
                + ":"
                + where.port()
                + "/batteries/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")
                + "/soc");
    try {
      HttpResponse<byte[]> answer =
          client.send(
              HttpRequest.newBuilder(target)
                  .timeout(Duration.ofSeconds(5))
                  .header(FORWARDED_HEADER, "1")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      e.getResponseHeaders().add("X-Soc-Served-By", where.host() + ":" + where.port());
      send(
          e,
          answer.statusCode(),
          answer.headers().firstValue("Content-Type").orElse(JSON_TYPE),
          answer.body());
    } catch (IOException ex) {
      send(e, 502, JSON_TYPE, error("owner " + target.getAuthority() + " unreachable: " + ex));
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      send(e, 503, JSON_TYPE, error("interrupted"));
    }
  }

  /** The estimate with its Avro field names; instants as epoch milliseconds, enums as names. */
  public static Map<String, Object> estimateJson(SocEstimate estimate) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Schema.Field field : estimate.getSchema().getFields()) {
      Object value = estimate.get(field.pos());
      if (value instanceof Instant instant) {
        value = instant.toEpochMilli();
      } else if (value instanceof CharSequence || value instanceof Enum<?>) {
        value = value.toString();
      }
      out.put(field.name(), value);
    }
    return out;
  }

  private static boolean get(HttpExchange e) throws IOException {
    if (!"GET".equals(e.getRequestMethod()) && !"HEAD".equals(e.getRequestMethod())) {
      e.getResponseHeaders().add("Allow", "GET, HEAD");
      send(e, 405, JSON_TYPE, error("method not allowed"));
      return false;
    }
    return true;
  }

  private static byte[] error(String message) {
    return json(Map.of("error", message));
  }

  private static byte[] json(Map<String, ?> body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static void send(HttpExchange e, int status, String type, byte[] body)
      throws IOException {
    try (e) {
      e.getResponseHeaders().set("Content-Type", type);
      boolean head = "HEAD".equals(e.getRequestMethod());
      e.sendResponseHeaders(status, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = e.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "soc-ops-http");
      t.setDaemon(true);
      return t;
    };
  }
}
