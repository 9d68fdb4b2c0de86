package io.socstream.streams.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Confluent's REST resources that this registry serves, as {@code method + path + body -> status +
 * JSON}; HTTP itself is {@link SchemaRegistryServer}'s job. Query parameters that Confluent's
 * clients add ({@code normalize}, {@code deleted}, {@code fetchMaxId}, ...) are accepted and
 * ignored, except {@code verbose} on compatibility checks.
 */
final class RegistryApi {

  /** A JSON answer with its HTTP status. */
  record Answer(int status, Object body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SchemaStore store;

  RegistryApi(SchemaStore store) {
    this.store = store;
  }

  /**
   * Serves one request.
   *
   * @param rawPath the path as sent, still percent-encoded
   * @param query the raw query string, or null
   * @throws RegistryError for every refusal, to be written as Confluent's error body
   */
  Answer handle(String method, String rawPath, String query, byte[] body) {
    List<String> p = segments(rawPath);
    int n = p.size();
    if (n == 0) {
      return only(method, "GET", () -> Map.of());
    }
    switch (p.get(0)) {
      case "subjects":
        if (n == 1) {
          return only(method, "GET", store::subjects);
        }
        String subject = p.get(1);
        if (n == 2) {
          return only(method, "POST", () -> versionJson(store.lookup(subject, schema(body))));
        }
        if (n == 3 && p.get(2).equals("versions")) {
          if (method.equals("POST")) {
            return new Answer(200, Map.of("id", store.register(subject, schema(body))));
          }
          return only(method, "GET", () -> store.versions(subject));
        }
        if (n == 4 && p.get(2).equals("versions")) {
          return only(method, "GET", () -> versionJson(store.version(subject, p.get(3))));
        }
        break;
      case "schemas":
        if (n == 2 && p.get(1).equals("types")) {
          return only(method, "GET", () -> List.of("AVRO"));
        }
        if (n == 3 && p.get(1).equals("ids")) {
          return only(method, "GET", () -> Map.of("schema", store.schemaById(schemaId(p.get(2)))));
        }
        break;
      case "compatibility":
        boolean underVersions =
            n >= 4 && p.get(1).equals("subjects") && p.get(3).equals("versions");
        if (underVersions && n <= 5) {
          String version = n == 5 ? p.get(4) : "latest";
          return only(method, "POST", () -> compatibility(p.get(2), version, body, query));
        }
        break;
      case "config":
        if (n == 1) {
          return only(
              method, "GET", () -> Map.of("compatibilityLevel", SchemaStore.COMPATIBILITY_LEVEL));
        }
        break;
      default:
        break;
    }
    throw RegistryError.notFound();
  }

  private Map<String, Object> compatibility(
      String subject, String version, byte[] body, String query) {
    List<String> problems = store.compatibilityProblems(subject, version, schema(body));
    boolean verbose = query != null && List.of(query.split("&")).contains("verbose=true");
    return verbose
        ? Map.of("is_compatible", problems.isEmpty(), "messages", problems)
        : Map.of("is_compatible", problems.isEmpty());
  }

  private static ObjectNode versionJson(SubjectVersion v) {
    ObjectNode node = JSON.createObjectNode();
    node.put("subject", v.subject());
    node.put("version", v.version());
    node.put("id", v.id());
    node.put("schema", v.schema());
    return node;
  }

  private interface Body {
    Object get();
  }

  private static Answer only(String method, String allowed, Body body) {
    if (!method.equals(allowed)) {
      throw RegistryError.methodNotAllowed();
    }
    return new Answer(200, body.get());
  }

  /** The {@code schema} of a register, lookup or compatibility request (Avro only). */
  private static String schema(byte[] body) {
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (IOException e) {
      throw RegistryError.badRequest("The request body is not JSON: " + e.getMessage());
    }
    if (request == null || !request.isObject()) {
      throw RegistryError.badRequest("The request body must be a JSON object");
    }
    String type = request.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw RegistryError.invalidSchema("this registry serves Avro schemas only, not " + type);
    }
    if (request.path("references").size() > 0) {
      throw RegistryError.invalidSchema("schema references are not supported");
    }
    JsonNode schema = request.get("schema");
    if (schema == null || !schema.isTextual()) {
      throw RegistryError.invalidSchema("the request has no 'schema' string");
    }
    return schema.textValue();
  }

  private static int schemaId(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw RegistryError.notFound();
    }
  }

  private static List<String> segments(String rawPath) {
    List<String> result = new ArrayList<>();
    for (String segment : rawPath.split("/")) {
      if (!segment.isEmpty()) {
        // Percent-decoding only: a '+' in a path is a plus, not a space.
        result.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return result;
  }
}
