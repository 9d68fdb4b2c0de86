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

  private static SpecificAvroSerde<Telemetry> configured(String url) {
    var serde = new SpecificAvroSerde<>(Telemetry.class);
    serde.configure(
        Map.of(
            SerdeConfig.SCHEMA_REGISTRY_URL,
            url,
            SerdeConfig.BASIC_AUTH_USER_INFO,
            "u:p",
            SerdeConfig.REQUEST_TIMEOUT_MS,
            1_000),
        false);
    return serde;
  }
}
