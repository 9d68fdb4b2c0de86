package io.socstream.streams.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible Schema Registry for development ({@code ./soc broker}), on the JDK's HTTP
 * server, for Avro schemas, with the schemas in {@code dir/schemas.jsonl} (see {@link SchemaLog}).
 *
 * <p>Endpoints: {@code GET /}, {@code GET /subjects}, {@code POST /subjects/{subject}} (lookup),
 * {@code GET|POST /subjects/{subject}/versions} (list, register), {@code GET
 * /subjects/{subject}/versions/{version|latest}}, {@code GET /schemas/ids/{id}}, {@code GET
 * /schemas/types}, {@code POST /compatibility/subjects/{subject}/versions[/{version|latest}]},
 * {@code GET /config} (always BACKWARD). No deletes, no config changes, no references, no JSON
 * Schema or Protobuf.
 *
 * <p>Checked against Confluent's sources (confluentinc/schema-registry master at 794611b, 8.4.x
 * line: {@code RestService}, {@code Versions}, {@code Errors}, {@code SubjectsResource}, {@code
 * SubjectVersionsResource}, {@code CompatibilityResource}, {@code AvroSchema}): the client's paths
 * and query parameters; request and response content type {@code
 * application/vnd.schemaregistry.v1+json}, with {@code application/vnd.schemaregistry+json}, {@code
 * application/json} and {@code application/octet-stream} (or none) also accepted as request bodies;
 * error bodies {@code {"error_code", "message"}} with codes 40401 subject not found, 40402 version
 * not found, 40403 schema not found, 409/40901 incompatible schema, 422/42201 invalid schema,
 * 422/42202 invalid version; lookup answers 40401 for an unknown subject and 40403 for a schema not
 * under it; schema identity is Avro's {@code Schema.toString()} of the parsed schema ({@code
 * AvroSchema.canonicalString()}), and BACKWARD means the new schema can read the latest version's
 * data ({@code SchemaCompatibility.checkReaderWriterCompatibility(new, old)}, as {@code
 * AvroSchema.isBackwardCompatible}).
 */
public final class SchemaRegistryServer implements AutoCloseable {

  /** Confluent's media type; every answer carries it unless the client accepts only JSON. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  /** The schema file's name under the registry's directory. */
  public static final String SCHEMA_FILE = "schemas.jsonl";

  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> REQUEST_TYPES =
      Set.of(
          CONTENT_TYPE,
          "application/vnd.schemaregistry+json",
          "application/json",
          "application/octet-stream");

  private final String host;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final SchemaStore store;
  private final RegistryApi api;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SchemaRegistryServer(
      String host, HttpServer server, ExecutorService handlers, SchemaStore store) {
    this.host = host;
    this.server = server;
    this.handlers = handlers;
    this.store = store;
    this.api = new RegistryApi(store);
  }

  /**
   * Opens the schemas in {@code dir} and serves them on {@code host:port}.
   *
   * @param port 0 = a free one
   * @throws UncheckedIOException when the port is taken or the directory unusable
   */
  public static SchemaRegistryServer start(Path dir, String host, int port) {
    SchemaStore store = new SchemaStore(SchemaLog.open(dir.resolve(SCHEMA_FILE)));
    AtomicInteger threads = new AtomicInteger();
    ExecutorService handlers =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "soc-registry-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
      SchemaRegistryServer registry = new SchemaRegistryServer(host, server, handlers, store);
      server.createContext("/", registry::serve);
      server.setExecutor(handlers);
      server.start();
      return registry;
    } catch (IOException e) {
      store.close();
      handlers.shutdownNow();
      throw new UncheckedIOException(
          "Cannot serve the schema registry on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /** The base URL for clients, {@code http://host:port}. */
  public String url() {
    return "http://" + host + ":" + port();
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Stops serving and closes the schema file; idempotent. A request in flight is cut off (JDK 17's
   * {@code HttpServer.stop(delay)} always waits the whole delay); what it registered is durable or
   * was never acknowledged.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    handlers.shutdown();
    try {
      handlers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      RegistryApi.Answer answer;
      try {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
          body = in.readAllBytes();
        }
        if (method.equals("POST") && !acceptedRequestType(exchange)) {
          throw RegistryError.unsupportedMediaType();
        }
        answer =
            api.handle(
                method,
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                body);
      } catch (RegistryError e) {
        answer = new RegistryApi.Answer(e.httpStatus(), error(e.errorCode(), e.getMessage()));
      } catch (RuntimeException e) {
        LOG.error("Schema registry failed on {} {}", method, exchange.getRequestURI(), e);
        answer = new RegistryApi.Answer(500, error(50001, "Internal error: " + e.getMessage()));
      }
      respond(exchange, answer);
    }
  }

  private static boolean acceptedRequestType(HttpExchange exchange) {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || type.isBlank()) {
      return true;
    }
    String mediaType = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return REQUEST_TYPES.contains(mediaType);
  }

  /** Confluent answers in its own type unless the client accepts only plain JSON. */
  private static String responseType(HttpExchange exchange) {
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    if (accept == null
        || accept.contains("application/vnd.schemaregistry")
        || accept.contains("*/*")
        || !accept.contains("application/json")) {
      return CONTENT_TYPE;
    }
    return "application/json";
  }

  private static Map<String, Object> error(int errorCode, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error_code", errorCode);
    body.put("message", message);
    return body;
  }

  private static void respond(HttpExchange exchange, RegistryApi.Answer answer) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(answer.body());
    exchange.getResponseHeaders().set("Content-Type", responseType(exchange));
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
