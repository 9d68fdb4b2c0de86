package io.socstream.streams.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registry's HTTP surface as Confluent's clients and curl see it: paths, status codes, {@code
 * error_code}s, content types, and the query parameters Confluent's {@code RestService} appends.
 */
class SchemaRegistryHttpTest extends RunningRegistryFixture {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String V1_JSON = "application/vnd.schemaregistry.v1+json";

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String schemaBody(String schema) throws Exception {
    return JSON.writeValueAsString(Map.of("schema", schema));
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static void assertError(HttpResponse<String> response, int status, int errorCode)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(V1_JSON);
    assertThat(json(response).path("error_code").asInt()).isEqualTo(errorCode);
    assertThat(json(response).path("message").asText()).isNotBlank();
  }

  @Test
  void registerListAndReadVersionsWithConfluentsQueryParameters() throws Exception {
    HttpResponse<String> registered =
        post("/subjects/s-value/versions?normalize=false", V1_JSON, schemaBody(Schemas.V1));
    assertThat(registered.statusCode()).isEqualTo(200);
    assertThat(registered.headers().firstValue("Content-Type")).hasValue(V1_JSON);
    assertThat(json(registered).path("id").asInt()).isEqualTo(1);
    // Plain JSON and a weighted content type are accepted as well.
    assertThat(
            post(
                    "/subjects/s-value/versions",
                    "application/json; charset=utf-8",
                    schemaBody(Schemas.V2_WITH_DEFAULT))
                .statusCode())
        .isEqualTo(200);

    assertThat(json(get("/subjects")).toString()).isEqualTo("[\"s-value\"]");
    assertThat(json(get("/subjects/s-value/versions?deleted=false")).toString()).isEqualTo("[1,2]");
    JsonNode first = json(get("/subjects/s-value/versions/1"));
    assertThat(first.path("subject").asText()).isEqualTo("s-value");
    assertThat(first.path("version").asInt()).isEqualTo(1);
    assertThat(first.path("id").asInt()).isEqualTo(1);
    assertThat(Schemas.parse(first.path("schema").asText())).isEqualTo(Schemas.parse(Schemas.V1));
    assertThat(json(get("/subjects/s-value/versions/latest")).path("version").asInt()).isEqualTo(2);
    assertThat(Schemas.parse(json(get("/schemas/ids/1?fetchMaxId=false")).path("schema").asText()))
        .isEqualTo(Schemas.parse(Schemas.V1));

    JsonNode lookup =
        json(
            post(
                "/subjects/s-value?normalize=false&deleted=true", V1_JSON, schemaBody(Schemas.V1)));
    assertThat(lookup.path("version").asInt()).isEqualTo(1);
    assertThat(lookup.path("id").asInt()).isEqualTo(1);
  }

  @Test
  void whitespaceAndFieldOrderOfTheSchemaTextDoNotMakeANewSchema() throws Exception {
    int id =
        json(post("/subjects/s-value/versions", V1_JSON, schemaBody(Schemas.V1)))
            .path("id")
            .asInt();
    String spaced = Schemas.V1.replace(",", " ,\n ").replace("{\"type\":\"record\",", "{");
    spaced = spaced.replace("\"name\":\"Reading\"", "\"name\":\"Reading\", \"type\":\"record\"");

    HttpResponse<String> again = post("/subjects/s-value/versions", V1_JSON, schemaBody(spaced));
    assertThat(json(again).path("id").asInt()).as(again.body()).isEqualTo(id);
    assertThat(json(get("/subjects/s-value/versions")).size()).isEqualTo(1);
  }

  @Test
  void compatibilityConfigAndRoot() throws Exception {
    post("/subjects/s-value/versions", V1_JSON, schemaBody(Schemas.V1));

    assertThat(
            json(post(
                    "/compatibility/subjects/s-value/versions/latest",
                    V1_JSON,
                    schemaBody(Schemas.V2_WITH_DEFAULT)))
                .path("is_compatible")
                .asBoolean())
        .isTrue();
    JsonNode refused =
        json(
            post(
                "/compatibility/subjects/s-value/versions/1?verbose=true",
                V1_JSON,
                schemaBody(Schemas.REQUIRED_SERIAL)));
    assertThat(refused.path("is_compatible").asBoolean()).isFalse();
    assertThat(refused.path("messages").toString()).contains("serial");
    // Confluent's client posts to ".../versions/" (no version) for "all that the level asks".
    assertThat(
            json(post(
                    "/compatibility/subjects/s-value/versions/",
                    V1_JSON,
                    schemaBody(Schemas.REQUIRED_SERIAL)))
                .path("is_compatible")
                .asBoolean())
        .isFalse();
    assertThat(
            json(post(
                    "/compatibility/subjects/new-value/versions/latest",
                    V1_JSON,
                    schemaBody(Schemas.OTHER)))
                .path("is_compatible")
                .asBoolean())
        .as("nothing to be incompatible with")
        .isTrue();

    assertThat(json(get("/config")).path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    assertThat(get("/").statusCode()).isEqualTo(200);
    assertThat(json(get("/schemas/types")).toString()).isEqualTo("[\"AVRO\"]");
  }

  @Test
  void errorsCarryConfluentsCodes() throws Exception {
    post("/subjects/s-value/versions", V1_JSON, schemaBody(Schemas.V1));

    assertError(get("/schemas/ids/42"), 404, 40403);
    assertError(get("/subjects/nope/versions"), 404, 40401);
    assertError(get("/subjects/nope/versions/latest"), 404, 40401);
    assertError(get("/subjects/s-value/versions/7"), 404, 40402);
    assertError(get("/subjects/s-value/versions/zero"), 422, 42202);
    assertError(get("/subjects/s-value/versions/0"), 422, 42202);
    assertError(post("/subjects/nope", V1_JSON, schemaBody(Schemas.V1)), 404, 40401);
    assertError(post("/subjects/s-value", V1_JSON, schemaBody(Schemas.OTHER)), 404, 40403);
    assertError(
        post("/subjects/s-value/versions", V1_JSON, schemaBody(Schemas.REQUIRED_SERIAL)),
        409,
        40901);
    assertError(
        post("/subjects/s-value/versions", V1_JSON, schemaBody("{\"type\":\"nope\"}")), 422, 42201);
    assertError(
        post(
            "/subjects/p-value/versions",
            V1_JSON,
            "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}"),
        422,
        42201);
    assertError(post("/subjects/s-value/versions", V1_JSON, "not json"), 400, 400);
    assertError(post("/subjects/s-value/versions", "text/plain", schemaBody(Schemas.V1)), 415, 415);
    assertError(get("/no/such/path"), 404, 404);
    assertError(
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/subjects/s-value/versions"))
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString()),
        405,
        405);
    // A body without a content type is taken as JSON, as Confluent does.
    assertThat(post("/subjects/s-value/versions", null, schemaBody(Schemas.V1)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void answersPlainJsonToAClientThatAcceptsOnlyThat() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/config"))
                .header("Accept", "application/json")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(json(response).path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
  }
}
