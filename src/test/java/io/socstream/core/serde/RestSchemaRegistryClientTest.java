package io.socstream.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

  private static final String USER_INFO = "fleet-app:s3cret";
  private static final String AUTHORIZATION =
      "Basic " + Base64.getEncoder().encodeToString(USER_INFO.getBytes(StandardCharsets.UTF_8));
  private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
  private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(300);

  private FakeSchemaRegistryServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new FakeSchemaRegistryServer(AUTHORIZATION);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void registeredSchemaCanBeFetchedByIdFromAFreshClient() {
    int id = client(USER_INFO).register("telemetry-value", Telemetry.getClassSchema());

    assertThat(client(USER_INFO).getById(id)).isEqualTo(Telemetry.getClassSchema());
    assertThat(server.requests())
        .containsExactly("POST /subjects/telemetry-value/versions", "GET /schemas/ids/" + id);
  }

  @Test
  void bothDirectionsAreCached() {
    RestSchemaRegistryClient client = client(USER_INFO);

    int id = client.register("telemetry-value", Telemetry.getClassSchema());
    int again = client.register("telemetry-value", Telemetry.getClassSchema());
    client.getById(id);
    client.lookupId("telemetry-value", Telemetry.getClassSchema());

    assertThat(again).isEqualTo(id);
    assertThat(server.requests()).containsExactly("POST /subjects/telemetry-value/versions");
  }

  @Test
  void lookupAndLatestAskTheRegistry() {
    client(USER_INFO).register("estimates-value", Telemetry.getClassSchema());
    int second = client(USER_INFO).register("estimates-value", SocEstimate.getClassSchema());

    RestSchemaRegistryClient fresh = client(USER_INFO);
    assertThat(fresh.lookupId("estimates-value", SocEstimate.getClassSchema())).isEqualTo(second);
    assertThat(fresh.latest("estimates-value"))
        .isEqualTo(
            new RegisteredSchema("estimates-value", 2, second, SocEstimate.getClassSchema()));
  }

  @Test
  void subjectsAreEscapedInThePath() {
    client(USER_INFO).register("fleet a/telemetry-value", Telemetry.getClassSchema());

    assertThat(server.requests())
        .containsExactly("POST /subjects/fleet%20a%2Ftelemetry-value/versions");
  }

  @Test
  void wrongCredentialsReportStatusAndUrl() {
    assertThatThrownBy(() -> client("fleet-app:wrong").register("t-value", Telemetry.SCHEMA$))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining(server.url() + "/subjects/t-value/versions");
  }

  @Test
  void unknownIdIsNotFoundWithTheRegistryErrorCode() {
    assertThatThrownBy(() -> client(USER_INFO).getById(99))
        .isInstanceOfSatisfying(
            SchemaNotFoundException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.errorCode()).isEqualTo(40403);
              assertThat(e.url()).isEqualTo(server.url() + "/schemas/ids/99");
            })
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("error_code 40403")
        .hasMessageContaining("Schema 99 not found");
  }

  @Test
  void serverErrorCarriesStatusCodeAndMessage() {
    server.failWith(500, FakeSchemaRegistryServer.error(50001, "Error in the backend data store"));

    assertThatThrownBy(() -> client(USER_INFO).register("t-value", Telemetry.SCHEMA$))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e).isNotInstanceOf(SchemaNotFoundException.class);
              assertThat(e.httpStatus()).isEqualTo(500);
              assertThat(e.errorCode()).isEqualTo(50001);
            })
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("Error in the backend data store")
        .hasMessageContaining(server.url());
  }

  @Test
  void nonJsonErrorBodyIsKeptVerbatim() {
    server.failWith(502, "<html>Bad Gateway</html>");

    assertThatThrownBy(() -> client(USER_INFO).getById(1))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("HTTP 502 (error_code none): <html>Bad Gateway</html>");
  }

  @Test
  void slowRegistryTimesOut() {
    server.stallFor(1_500);
    long started = System.nanoTime();

    assertThatThrownBy(() -> client(USER_INFO).getById(1))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("timed out")
        .hasMessageContaining("/schemas/ids/1");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_400));
  }

  @Test
  void unreachableRegistryIsReported() throws IOException {
    String closedUrl;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedUrl = "http://localhost:" + socket.getLocalPort();
    }
    var client = new RestSchemaRegistryClient(closedUrl, null, CONNECT_TIMEOUT, REQUEST_TIMEOUT);

    assertThatThrownBy(() -> client.getById(1))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("unreachable")
        .hasMessageContaining(closedUrl + "/schemas/ids/1");
  }

  private RestSchemaRegistryClient client(String userInfo) {
    return new RestSchemaRegistryClient(server.url(), userInfo, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
  }
}
