package io.socstream.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.avro.EstimateStatus;
import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeTest {

  private static final String SCOPE = "specific-avro-serde-test";
  private static final Map<String, Object> CONFIG =
      Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);
  private static final String TOPIC = "telemetry";

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void roundTripsThroughTheMockRegistry() {
    Telemetry original = TelemetryFixtures.discharging();
    try (var serde = configuredSerde(Telemetry.class, false)) {
      byte[] bytes = serde.serializer().serialize(TOPIC, original);
      Telemetry copy = serde.deserializer().deserialize(TOPIC, bytes);

      assertThat(copy).isEqualTo(original);
      assertThat(copy.getTimestamp()).isEqualTo(TelemetryFixtures.MEASURED);
      assertThat(bytes[0]).isEqualTo(ConfluentWireFormat.MAGIC_BYTE);
    }
  }

  @Test
  void registersUnderTheTopicValueSubject() {
    try (var serde = configuredSerde(Telemetry.class, false)) {
      byte[] bytes = serde.serializer().serialize(TOPIC, TelemetryFixtures.discharging());

      RegisteredSchema latest = MockSchemaRegistry.forScope(SCOPE).latest("telemetry-value");
      assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(latest.id());
      assertThat(latest.schema()).isEqualTo(Telemetry.getClassSchema());
    }
  }

  @Test
  void keySerdeUsesTheTopicKeySubject() {
    try (var serde = configuredSerde(Telemetry.class, true)) {
      serde.serializer().serialize(TOPIC, TelemetryFixtures.discharging());

      assertThat(MockSchemaRegistry.forScope(SCOPE).latest("telemetry-key").version()).isEqualTo(1);
      assertThatThrownBy(() -> MockSchemaRegistry.forScope(SCOPE).latest("telemetry-value"))
          .isInstanceOf(SchemaNotFoundException.class);
    }
  }

  @Test
  void nullIsATombstoneBothWays() {
    try (var serde = configuredSerde(Telemetry.class, false)) {
      assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
      assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }
  }

  @Test
  void socEstimateRoundTripsWithItsEnum() {
    SocEstimate estimate =
        SocEstimate.newBuilder()
            .setBatteryId("B0005")
            .setTimestamp(Instant.ofEpochMilli(1_700_000_060_000L))
            .setSoc(0.0)
            .setSocRaw(-0.02)
            .setStatus(EstimateStatus.OK)
            .setModelVersion("v3")
            .setWindowStart(Instant.ofEpochMilli(1_700_000_000_000L))
            .setWindowEnd(Instant.ofEpochMilli(1_700_000_060_000L))
            .setSamplesUsed(60)
            .setSegmentSamples(1_000L)
            .setWarmupHorizonMs(300_000L)
            .setInferenceBatchSize(16)
            .setProducedAt(Instant.ofEpochMilli(1_700_000_060_500L))
            .build();
    try (var serde = configuredSerde(SocEstimate.class, false)) {
      byte[] bytes = serde.serializer().serialize("soc-estimates", estimate);

      assertThat(serde.deserializer().deserialize("soc-estimates", bytes)).isEqualTo(estimate);
    }
  }

  @Test
  void noArgDeserializerReadsIntoTheClassTheWriterSchemaNames() {
    byte[] bytes;
    try (var serde = configuredSerde(Telemetry.class, false)) {
      bytes = serde.serializer().serialize(TOPIC, TelemetryFixtures.discharging());
    }
    try (Deserializer<SpecificRecord> deserializer = new SpecificAvroDeserializer<>()) {
      deserializer.configure(CONFIG, false);

      assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(TelemetryFixtures.discharging());
    }
  }

  @Test
  void wrongMagicByteNamesTheByte() {
    try (var serde = configuredSerde(Telemetry.class, false)) {
      byte[] bytes = serde.serializer().serialize(TOPIC, TelemetryFixtures.discharging());
      bytes[0] = 0x01;

      assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("Unknown magic byte 0x01");
    }
  }

  @Test
  void payloadShorterThanTheHeaderIsRejected() {
    try (var serde = configuredSerde(Telemetry.class, false)) {
      assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0}))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("shorter than the 5-byte");
    }
  }

  @Test
  void truncatedAvroBodyIsRejected() {
    try (var serde = configuredSerde(Telemetry.class, false)) {
      byte[] bytes = serde.serializer().serialize(TOPIC, TelemetryFixtures.discharging());
      byte[] truncated = Arrays.copyOf(bytes, bytes.length - 10);

      assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("Truncated Avro body")
          .hasMessageContaining("schema id 1");
    }
  }

  @Test
  void trailingBytesAfterTheDatumAreRejected() {
    try (var serde = configuredSerde(Telemetry.class, false)) {
      byte[] bytes = serde.serializer().serialize(TOPIC, TelemetryFixtures.discharging());
      byte[] padded = Arrays.copyOf(bytes, bytes.length + 1024);

      assertThat(serde.deserializer().deserialize(TOPIC, bytes))
          .isEqualTo(TelemetryFixtures.discharging());
      assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, padded))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("Trailing bytes")
          .hasMessageContaining("schema id 1");
    }
  }

  @Test
  void unknownSchemaIdNamesTheIdAndTheRegistry() {
    byte[] bytes = ConfluentWireFormat.frame(4711, new byte[] {0x02, 0x41});
    try (var serde = configuredSerde(Telemetry.class, false)) {
      assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
          .isInstanceOf(UnknownSchemaIdException.class)
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("Unknown schema id 4711")
          .hasMessageContaining("mock://" + SCOPE)
          .satisfies(e -> assertThat(((UnknownSchemaIdException) e).schemaId()).isEqualTo(4711));
    }
  }

  @Test
  void missingRegistryUrlIsAClearConfigError() {
    try (var serde = new SpecificAvroSerde<>(Telemetry.class)) {
      assertThatThrownBy(() -> serde.configure(Map.of(), false))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(SerdeConfig.SCHEMA_REGISTRY_URL);
    }
  }

  @Test
  void withoutAutoRegisterAnUnregisteredSchemaIsRefused() {
    try (var serializer = new SpecificAvroSerializer<Telemetry>()) {
      serializer.configure(
          Map.of(
              SerdeConfig.SCHEMA_REGISTRY_URL,
              "mock://" + SCOPE,
              SerdeConfig.AUTO_REGISTER_SCHEMAS,
              "false"),
          false);

      assertThatThrownBy(() -> serializer.serialize(TOPIC, TelemetryFixtures.discharging()))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("not registered under subject telemetry-value")
          .hasMessageContaining("auto.register.schemas=false");

      int id = MockSchemaRegistry.forScope(SCOPE).register("telemetry-value", Telemetry.SCHEMA$);
      byte[] bytes = serializer.serialize(TOPIC, TelemetryFixtures.discharging());
      assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(id);
    }
  }

  @Test
  void injectedClientNeedsNoConfiguration() {
    MockSchemaRegistry registry = MockSchemaRegistry.forScope(SCOPE);
    try (var serde = new SpecificAvroSerde<>(Telemetry.class, registry)) {
      byte[] bytes = serde.serializer().serialize(TOPIC, TelemetryFixtures.discharging());

      assertThat(serde.deserializer().deserialize(TOPIC, bytes))
          .isEqualTo(TelemetryFixtures.discharging());
      assertThat(registry.latest("telemetry-value").id())
          .isEqualTo(ConfluentWireFormat.schemaId(bytes));
    }
  }

  private static <T extends SpecificRecord> SpecificAvroSerde<T> configuredSerde(
      Class<T> type, boolean isKey) {
    var serde = new SpecificAvroSerde<>(type);
    serde.configure(CONFIG, isKey);
    return serde;
  }
}
