package io.socstream.core.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A Confluent Schema Registry client over its REST API, with {@link HttpClient} and Jackson.
 * Registered schemas and ids are immutable in the registry, so both directions are cached for the
 * client's lifetime; only {@link #latest} always asks.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

  /** The registry's own media type, sent as Content-Type and preferred in Accept. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final String ACCEPT =
      CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String authorization;
  private final Duration requestTimeout;
  private final HttpClient http;
  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  /**
   * @param baseUrl {@code http(s)://host:port[/path]}, without the API paths
   * @param basicAuthUserInfo {@code user:password}, or null for none
   */
  public RestSchemaRegistryClient(
      String baseUrl, String basicAuthUserInfo, Duration connectTimeout, Duration requestTimeout) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.authorization =
        basicAuthUserInfo == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            // The registry speaks HTTP/1.1; skipping the h2c upgrade saves a round of headers.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  public int register(String subject, Schema schema) {
    Integer cached = idsBySubject.getOrDefault(subject, Map.of()).get(schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send(post(subjectPath(subject) + "/versions", schema));
    int id = requiredInt(answer, "id");
    remember(subject, schema, id);
    return id;
  }

  @Override
  public int lookupId(String subject, Schema schema) {
    Integer cached = idsBySubject.getOrDefault(subject, Map.of()).get(schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send(post(subjectPath(subject), schema));
    int id = requiredInt(answer, "id");
    remember(subject, schema, id);
    return id;
  }

  @Override
  public Schema getById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send(get("/schemas/ids/" + id));
    Schema schema = parseSchema(requiredText(answer, "schema"), "schema id " + id);
    schemasById.putIfAbsent(id, schema);
    return schema;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    JsonNode answer = send(get(subjectPath(subject) + "/versions/latest"));
    int id = requiredInt(answer, "id");
    Schema schema = parseSchema(requiredText(answer, "schema"), "subject " + subject);
    schemasById.putIfAbsent(id, schema);
    return new RegisteredSchema(subject, requiredInt(answer, "version"), id, schema);
  }

  @Override
  public String url() {
    return baseUrl;
  }

  private void remember(String subject, Schema schema, int id) {
    idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
    schemasById.putIfAbsent(id, schema);
  }

  private static String subjectPath(String subject) {
    // Subjects may hold characters that are not path-safe; URLEncoder writes spaces as '+'.
    return "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest get(String path) {
    return request(path).GET().build();
  }

  private HttpRequest post(String path, Schema schema) {
    String body;
    try {
      body = JSON.writeValueAsString(Map.of("schema", schema.toString()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write a JSON request body", e);
    }
    return request(path)
        .header("Content-Type", CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(requestTimeout)
            .header("Accept", ACCEPT);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private JsonNode send(HttpRequest request) {
    String target = request.method() + " " + request.uri();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      // Also covers HttpConnectTimeoutException.
      throw new SchemaRegistryException(
          "Schema registry request " + target + " timed out: " + e.getMessage(),
          request.uri().toString(),
          e);
    } catch (IOException e) {
      throw new SchemaRegistryException(
          "Schema registry unreachable: " + target + " failed with " + e,
          request.uri().toString(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(
          "Interrupted while waiting for " + target, request.uri().toString(), e);
    }
    if (response.statusCode() / 100 != 2) {
      throw httpError(target, request.uri().toString(), response);
    }
    try {
      return JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new SchemaRegistryException(
          "Schema registry answered " + target + " with invalid JSON: " + e.getOriginalMessage(),
          request.uri().toString(),
          e);
    }
  }

  /** Confluent errors look like {@code {"error_code": 40403, "message": "Schema not found"}}. */
  private static SchemaRegistryException httpError(
      String target, String url, HttpResponse<String> response) {
    int errorCode = SchemaRegistryException.NONE;
    String detail = response.body();
    try {
      JsonNode body = JSON.readTree(response.body());
      if (body != null && body.has("error_code")) {
        errorCode = body.get("error_code").asInt();
        detail = body.path("message").asText("");
      }
    } catch (JsonProcessingException e) {
      // Not the registry's JSON (a proxy's HTML page, say): keep the raw body as the detail.
    }
    String message =
        String.format(
            "Schema registry answered %s with HTTP %d (error_code %s): %s",
            target,
            response.statusCode(),
            errorCode == SchemaRegistryException.NONE ? "none" : Integer.toString(errorCode),
            detail);
    if (response.statusCode() == 404) {
      return new SchemaNotFoundException(message, url, response.statusCode(), errorCode);
    }
    return new SchemaRegistryException(message, url, response.statusCode(), errorCode, null);
  }

  private int requiredInt(JsonNode answer, String field) {
    JsonNode value = answer == null ? null : answer.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw new SchemaRegistryException(
          "Schema registry answer lacks integer field '" + field + "': " + answer, baseUrl, null);
    }
    return value.intValue();
  }

  private String requiredText(JsonNode answer, String field) {
    JsonNode value = answer == null ? null : answer.get(field);
    if (value == null || !value.isTextual()) {
      throw new SchemaRegistryException(
          "Schema registry answer lacks text field '" + field + "': " + answer, baseUrl, null);
    }
    return value.textValue();
  }

  private Schema parseSchema(String text, String what) {
    try {
      return new Schema.Parser().parse(text);
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException(
          "Schema registry returned an unparseable Avro schema for " + what + ": " + e.getMessage(),
          baseUrl,
          e);
    }
  }
}
