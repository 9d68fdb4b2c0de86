package io.socstream.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.avro.Telemetry;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The serde configured the way a Kafka app configures it, against a real HTTP registry. */
class RestSerdeIntegrationTest {

  private FakeSchemaRegistryServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new FakeSchemaRegistryServer("Basic dTpw"); // base64("u:p")
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void roundTripsThroughTheRestRegistry() {
    try (var producerSide = configured(server.url());
        var consumerSide = configured(server.url())) {
      byte[] bytes =
          producerSide.serializer().serialize("telemetry", TelemetryFixtures.discharging());

      assertThat(consumerSide.deserializer().deserialize("telemetry", bytes))
          .isEqualTo(TelemetryFixtures.discharging());
      assertThat(server.requests())
          .containsExactly("POST /subjects/telemetry-value/versions", "GET /schemas/ids/1");
    }
  }

  @Test
  void commaSeparatedUrlsUseTheFirst() {
    try (var serde = configured(server.url() + ", http://unused.invalid:8081")) {
      byte[] bytes = serde.serializer().serialize("telemetry", TelemetryFixtures.discharging());

      assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(1);
    }
  }

  @Test
  void unknownIdNamesTheRegistryUrl() {
    byte[] payload = ConfluentWireFormat.frame(77, new byte[] {0x02, 0x41});
    try (var serde = configured(server.url())) {
      assertThatThrownBy(() -> serde.deserializer().deserialize("telemetry", payload))
          .isInstanceOf(UnknownSchemaIdException.class)
          .hasMessageContaining("Unknown schema id 77")
          .hasMessageContaining(server.url());
    }
  }

  @Test
  void registryFailureBecomesASerializationException() {
    server.failWith(500, FakeSchemaRegistryServer.error(50001, "backend down"));
    try (var serde = configured(server.url())) {
      assertThatThrownBy(
              () -> serde.serializer().serialize("telemetry", TelemetryFixtures.discharging()))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("Could not register schema io.socstream.avro.Telemetry")
          .hasMessageContaining("telemetry-value")
          .hasMessageContaining("HTTP 500")
          .hasMessageContaining("backend down");
    }
  }

  @Test
  void aRegistryOutageIsWaitedOutNotTurnedIntoABadRecord() throws Exception {
    byte[] bytes;
    try (var producerSide = configured(server.url())) {
      bytes = producerSide.serializer().serialize("telemetry", TelemetryFixtures.discharging());
    }
    server.failWith(503, FakeSchemaRegistryServer.error(50301, "registry restarting"));
    try (var consumerSide = configured(server.url(), 30_000)) {
      var decoded =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> consumerSide.deserializer().deserialize("telemetry", bytes));
      Thread.sleep(700);
      assertThat(decoded).isNotDone();
      long failedCalls = server.requests().stream().filter(r -> r.startsWith("GET")).count();
      assertThat(failedCalls).as("retried with backoff").isBetween(2L, 6L);

      server.failWith(0, null);

      assertThat(decoded.get(10, java.util.concurrent.TimeUnit.SECONDS))
          .isEqualTo(TelemetryFixtures.discharging());
    }
  }

  @Test
  void aLongOutageEndsInARetriableExceptionNotASerializationException() {
    byte[] payload = ConfluentWireFormat.frame(1, new byte[] {0x02, 0x41});
    server.failWith(500, FakeSchemaRegistryServer.error(50001, "backend down"));
    try (var serde = configured(server.url(), 500)) {
      assertThatThrownBy(() -> serde.deserializer().deserialize("telemetry", payload))
          .isInstanceOf(SchemaRegistryUnavailableException.class)
          .isNotInstanceOf(SerializationException.class)
          .hasMessageContaining(server.url())
          .hasMessageContaining("never dead-lettered")
          .hasMessageContaining("backend down");
    }
  }

  @Test
  void anUnreachableRegistryIsWaitedForToo() {
    String closedPort = server.url();
    server.close();
    byte[] payload = ConfluentWireFormat.frame(1, new byte[] {0x02, 0x41});
    try (var serde = configured(closedPort, 300)) {
      assertThatThrownBy(() -> serde.deserializer().deserialize("telemetry", payload))
          .isInstanceOf(SchemaRegistryUnavailableException.class)
          .hasMessageContaining("unavailable");
    }
  }

  private static SpecificAvroSerde<Telemetry> configured(String url) {
    return configured(url, 120_000);
  }

  private static SpecificAvroSerde<Telemetry> configured(String url, long outageMaxWaitMs) {
    var serde = new SpecificAvroSerde<>(Telemetry.class);
    serde.configure(
        Map.of(
            SerdeConfig.SCHEMA_REGISTRY_URL,
            url,
            SerdeConfig.BASIC_AUTH_USER_INFO,
            "u:p",
            SerdeConfig.REQUEST_TIMEOUT_MS,
            1_000,
            SerdeConfig.OUTAGE_MAX_WAIT_MS,
            outageMaxWaitMs),
        false);
    return serde;
  }
}
