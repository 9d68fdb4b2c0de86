package io.socstream.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.socstream.streams.config.SocStreamsConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml parses and wires what the engine needs: a single-node KRaft Kafka whose
 * internal topics allow transactions on one node and that deletes nothing for its age, a schema
 * registry on that Kafka, and the app image pointed (environment and mounted config alike) at the
 * broker and registry service names.
 */
class ComposeFileTest {

  private static Path root;
  private static JsonNode services;

  @BeforeAll
  static void parse() throws Exception {
    root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("docker-compose.yml"))) {
      root = root.getParent();
      assertThat(root).as("docker-compose.yml above the working directory").isNotNull();
    }
    JsonNode compose =
        new ObjectMapper(new YAMLFactory()).readTree(root.resolve("docker-compose.yml").toFile());
    services = compose.path("services");
  }

  @Test
  void servicesAndImages() {
    List<String> names = new ArrayList<>();
    services.fieldNames().forEachRemaining(names::add);
    assertThat(names).contains("kafka", "schema-registry", "soc-stream");
    assertThat(services.at("/kafka/image").asText()).isEqualTo("apache/kafka:4.1.0");
    assertThat(services.at("/schema-registry/image").asText())
        .isEqualTo("confluentinc/cp-schema-registry:7.7.1");
    assertThat(services.at("/soc-stream/image").asText()).isEqualTo("soc-stream:latest");
  }

  @Test
  void kafkaIsSingleNodeKraftWithExactlyOnceSettings() {
    JsonNode env = services.at("/kafka/environment");
    assertThat(env.path("KAFKA_PROCESS_ROLES").asText().split(","))
        .containsExactlyInAnyOrder("broker", "controller");
    assertThat(env.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText())
        .isEqualTo(env.path("KAFKA_NODE_ID").asText() + "@kafka:9093");
    assertThat(env.path("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR").asInt()).isEqualTo(1);
    assertThat(env.path("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR").asInt()).isEqualTo(1);
    assertThat(env.path("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").asInt()).isEqualTo(1);
    assertThat(env.has("KAFKA_ZOOKEEPER_CONNECT")).isFalse();
    // Replayed records are years old: nothing may be deleted for its age or size.
    assertThat(env.path("KAFKA_LOG_RETENTION_MS").asLong()).isEqualTo(-1);
    assertThat(env.path("KAFKA_LOG_RETENTION_BYTES").asLong()).isEqualTo(-1);
    assertThat(env.has("KAFKA_LOG_RETENTION_HOURS")).isFalse();
    assertThat(env.has("KAFKA_LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS")).isFalse();
    assertThat(env.path("KAFKA_NUM_PARTITIONS").asInt()).isEqualTo(6);
    // A valid cluster id, or the image's format step fails.
    assertThat(Uuid.fromString(env.path("CLUSTER_ID").asText())).isNotNull();
  }

  @Test
  void topicsAreCreatedWithoutTimeRetention() {
    String script = services.at("/topics/command").get(0).asText();
    assertThat(script).contains("kafka-topics.sh", "--create", "--config retention.ms=-1");
  }

  @Test
  void registryAndAppPointAtTheServiceNames() throws Exception {
    String internal = "kafka:29092";
    assertThat(services.at("/kafka/environment/KAFKA_ADVERTISED_LISTENERS").asText())
        .contains("//" + internal);
    assertThat(
            services
                .at("/schema-registry/environment/SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS")
                .asText())
        .endsWith("//" + internal);

    JsonNode app = services.path("soc-stream");
    assertThat(app.at("/environment/SOC_BOOTSTRAP_SERVERS").asText()).isEqualTo(internal);
    assertThat(app.at("/environment/SOC_SCHEMA_REGISTRY_URL").asText())
        .isEqualTo("http://schema-registry:8081");
    List<String> dependsOn = new ArrayList<>();
    app.path("depends_on").fieldNames().forEachRemaining(dependsOn::add);
    assertThat(dependsOn).contains("kafka", "schema-registry");

    String mount = null;
    for (JsonNode volume : app.path("volumes")) {
      if (volume.asText().contains(":/config/soc-stream.properties")) {
        mount = volume.asText().split(":")[0];
      }
    }
    assertThat(mount).as("the config file mounted at /config/soc-stream.properties").isNotNull();
    Properties config = new Properties();
    try (InputStream in = Files.newInputStream(root.resolve(mount))) {
      config.load(in);
    }
    assertThat(config.getProperty("soc.bootstrap.servers")).isEqualTo(internal);
    assertThat(config.getProperty("soc.schema.registry.url"))
        .isEqualTo("http://schema-registry:8081");

    // The engine accepts the file as it is (no unknown or invalid setting).
    SocStreamsConfig engine = SocStreamsConfig.load(root.resolve(mount), Map.of());
    assertThat(engine.bootstrapServers()).isEqualTo(internal);
    assertThat(engine.kafkaOverrides()).containsEntry("application.server", "soc-stream:8080");

    // The image's entrypoint reads exactly that file.
    assertThat(Files.readString(root.resolve("streams-app/processor/pom.xml")))
        .contains("<arg>/config/soc-stream.properties</arg>");
  }
}
