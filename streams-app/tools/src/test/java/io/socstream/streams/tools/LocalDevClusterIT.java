package io.socstream.streams.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.avro.Telemetry;
import io.socstream.core.serde.ConfluentWireFormat;
import io.socstream.core.serde.RestSchemaRegistryClient;
import io.socstream.core.serde.SerdeConfig;
import io.socstream.core.serde.SpecificAvroSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./soc broker} in-process: the engine's own Avro serde registers through the cluster's
 * registry and writes through its Kafka; after both restart on the same directory, the record is
 * still there and its schema id still resolves, over fresh clients.
 */
class LocalDevClusterIT {

  @TempDir Path dir;

  private static final Telemetry READING =
      Telemetry.newBuilder()
          .setBatteryId("B0005")
          .setTimestamp(Instant.parse("2018-03-01T12:00:00Z"))
          .setVoltageV(3.91)
          .setCurrentA(-2.0)
          .setTemperatureC(24.5)
          .setReportedSoc(0.82)
          .setPackId(null)
          .setVehicleId(null)
          .build();

  @Test
  void serdeRoundTripSurvivesARestartOfBrokerAndRegistry() throws Exception {
    int schemaId;
    try (LocalDevCluster cluster = LocalDevCluster.start(dir, "localhost", 0, 0)) {
      assertThat(cluster.registryUrl()).startsWith("http://localhost:");
      try (SpecificAvroSerde<Telemetry> serde = serde(cluster.registryUrl());
          KafkaProducer<String, Telemetry> producer =
              new KafkaProducer<>(
                  Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                  new StringSerializer(),
                  serde.serializer())) {
        producer.send(new ProducerRecord<>("battery.telemetry", "B0005", READING)).get();
      }
      schemaId = client(cluster).latest("battery.telemetry-value").id();
    }
    assertThat(LocalDevCluster.registryDir(dir).resolve("schemas.jsonl")).exists();

    try (LocalDevCluster again = LocalDevCluster.start(dir, "localhost", 0, 0)) {
      List<ConsumerRecord<byte[], byte[]>> records =
          TopicReader.readAll(again.bootstrapServers(), "battery.telemetry");
      assertThat(records).hasSize(1);
      byte[] value = records.get(0).value();
      assertThat(ConfluentWireFormat.schemaId(value)).isEqualTo(schemaId);
      try (SpecificAvroSerde<Telemetry> serde = serde(again.registryUrl())) {
        assertThat(serde.deserializer().deserialize("battery.telemetry", value)).isEqualTo(READING);
      }
      assertThat(client(again).getById(schemaId)).isEqualTo(Telemetry.getClassSchema());
    }
  }

  @Test
  void runsWithoutARegistryWhenAsked() {
    try (LocalDevCluster cluster =
        LocalDevCluster.start(dir, "localhost", 0, LocalDevCluster.NO_REGISTRY)) {
      assertThat(cluster.registryUrl()).isNull();
      assertThat(cluster.bootstrapServers()).startsWith("localhost:");
    }
  }

  private static RestSchemaRegistryClient client(LocalDevCluster cluster) {
    return new RestSchemaRegistryClient(
        cluster.registryUrl(), null, Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  private static SpecificAvroSerde<Telemetry> serde(String registryUrl) {
    SpecificAvroSerde<Telemetry> serde = new SpecificAvroSerde<>(Telemetry.class);
    serde.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
    return serde;
  }
}
