package io.socstream.core.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server speaking the few Schema Registry endpoints the client uses, strict about the
 * headers the real one cares about. It can be told to fail or to stall.
 */
final class FakeSchemaRegistryServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
  private static final Pattern LATEST = Pattern.compile("/subjects/([^/]+)/versions/latest");
  private static final Pattern LOOKUP = Pattern.compile("/subjects/([^/]+)");
  private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(-?\\d+)");

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final String expectedAuthorization;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private final Map<Integer, String> schemasById = new HashMap<>();
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<String, List<Integer>> idsBySubject = new HashMap<>();

  private volatile int failStatus;
  private volatile String failBody;
  private volatile long stallMillis;

  /**
   * @param expectedAuthorization the exact Authorization header required, or null for none
   */
  FakeSchemaRegistryServer(String expectedAuthorization) throws IOException {
    this.expectedAuthorization = expectedAuthorization;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(handlers);
    server.start();
  }

  String url() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  /** Every request seen so far as {@code METHOD path}. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** Answers every following request with this status and body. */
  void failWith(int status, String body) {
    failStatus = status;
    failBody = body;
  }

  /** Holds every following request this long before answering (released early on close). */
  void stallFor(long millis) {
    stallMillis = millis;
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    requests.add(method + " " + path);
    try {
      if (stallMillis > 0 && closing.await(stallMillis, TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (failStatus != 0) {
      respond(exchange, failStatus, failBody);
      return;
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (expectedAuthorization != null && !expectedAuthorization.equals(authorization)) {
      respond(exchange, 401, error(401, "Unauthorized"));
      return;
    }
    if ("POST".equals(method)
        && !RestSchemaRegistryClient.CONTENT_TYPE.equals(
            exchange.getRequestHeaders().getFirst("Content-Type"))) {
      respond(exchange, 415, error(415, "Unsupported Media Type"));
      return;
    }
    synchronized (this) {
      route(exchange, method, path);
    }
  }

  private void route(HttpExchange exchange, String method, String path) throws IOException {
    Matcher m;
    if ("POST".equals(method) && (m = REGISTER.matcher(path)).matches()) {
      String schema = requestSchema(exchange);
      int id = idsBySchema.computeIfAbsent(schema, s -> idsBySchema.size() + 1);
      schemasById.put(id, schema);
      List<Integer> versions =
          idsBySubject.computeIfAbsent(decode(m.group(1)), s -> new ArrayList<>());
      if (!versions.contains(id)) {
        versions.add(id);
      }
      respond(exchange, 200, JSON.writeValueAsString(Map.of("id", id)));
    } else if ("GET".equals(method) && (m = LATEST.matcher(path)).matches()) {
      String subject = decode(m.group(1));
      List<Integer> versions = idsBySubject.get(subject);
      if (versions == null) {
        respond(exchange, 404, error(40401, "Subject '" + subject + "' not found."));
        return;
      }
      int id = versions.get(versions.size() - 1);
      respond(
          exchange,
          200,
          JSON.writeValueAsString(
              Map.of(
                  "subject",
                  subject,
                  "version",
                  versions.size(),
                  "id",
                  id,
                  "schema",
                  schemasById.get(id))));
    } else if ("POST".equals(method) && (m = LOOKUP.matcher(path)).matches()) {
      String subject = decode(m.group(1));
      Integer id = idsBySchema.get(requestSchema(exchange));
      List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
      if (id == null || !versions.contains(id)) {
        respond(exchange, 404, error(40403, "Schema not found"));
        return;
      }
      respond(
          exchange,
          200,
          JSON.writeValueAsString(
              Map.of(
                  "subject",
                  subject,
                  "version",
                  versions.indexOf(id) + 1,
                  "id",
                  id,
                  "schema",
                  schemasById.get(id))));
    } else if ("GET".equals(method) && (m = BY_ID.matcher(path)).matches()) {
      String schema = schemasById.get(Integer.parseInt(m.group(1)));
      if (schema == null) {
        respond(exchange, 404, error(40403, "Schema " + m.group(1) + " not found"));
        return;
      }
      respond(exchange, 200, JSON.writeValueAsString(Map.of("schema", schema)));
    } else {
      respond(exchange, 404, error(404, "HTTP 404 Not Found"));
    }
  }

  private static String requestSchema(HttpExchange exchange) throws IOException {
    return JSON.readTree(exchange.getRequestBody()).get("schema").textValue();
  }

  private static String decode(String pathSegment) {
    return URLDecoder.decode(pathSegment, StandardCharsets.UTF_8);
  }

  static String error(int errorCode, String message) {
    return "{\"error_code\":" + errorCode + ",\"message\":\"" + message + "\"}";
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE);
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
