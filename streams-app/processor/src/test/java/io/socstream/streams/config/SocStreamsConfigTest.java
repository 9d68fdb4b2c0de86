package io.socstream.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.PackLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SocStreamsConfigTest {

  @TempDir Path dir;

  @Test
  void defaults() {
    SocStreamsConfig c = SocStreamsConfig.defaultsOnly();
    assertThat(c.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(c.telemetryTopic()).isEqualTo("battery.telemetry");
    assertThat(c.socTopic()).isEqualTo("battery.soc");
    assertThat(c.dlqTopic()).isEqualTo("battery.telemetry.dlq");
    assertThat(c.processingGuarantee()).isEqualTo("exactly_once_v2");
    assertThat(c.batchSize()).isEqualTo(64);
    assertThat(c.lingerMs()).isEqualTo(50);
    assertThat(c.emitEvery()).isEqualTo(1);
    assertThat(c.repartition()).isTrue();
    String home = System.getProperty("user.home");
    assertThat(c.stateDir()).isEqualTo(Path.of(home, ".soc-stream", "state"));
    assertThat(c.stateDir().toString()).doesNotStartWith("/tmp");
    assertThat(c.modelDir()).isEmpty(); // = the shipped model
    assertThat(c.topicsCreate()).isTrue();
    assertThat(c.topicsPartitions()).isEqualTo(6);
    assertThat(c.topicsReplication()).isEqualTo((short) 1);
    assertThat(c.healthMaxDlqRatio()).isEqualTo(0.5);
    assertThat(c.instanceId()).isEqualTo(DefaultInstanceId.of(c.stateDir()));
    assertThat(c.opsPort()).isEqualTo(8080);
    assertThat(c.opsHost()).isEqualTo("0.0.0.0");
  }

  @Test
  void opsEndpointSettings() {
    assertThat(SocStreamsConfig.of(Map.of(SocStreamsConfig.OPS_PORT, "-1")).opsPort())
        .isEqualTo(-1);
    assertThat(SocStreamsConfig.of(Map.of(SocStreamsConfig.OPS_PORT, "0")).opsPort()).isZero();
    SocStreamsConfig fromEnv =
        SocStreamsConfig.load(null, Map.of("SOC_OPS_PORT", "9090", "SOC_OPS_HOST", "127.0.0.1"));
    assertThat(fromEnv.opsPort()).isEqualTo(9090);
    assertThat(fromEnv.opsHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void fileThenEnvironment() throws IOException {
    Path file = dir.resolve("soc.properties");
    Files.writeString(
        file,
        "soc.batch.size=16\nsoc.linger.ms=5\nsoc.topic.soc=fleet.soc\nkafka.commit.interval.ms=250\n");
    SocStreamsConfig c =
        SocStreamsConfig.load(file, Map.of("SOC_BATCH_SIZE", "32", "UNRELATED", "x"));
    assertThat(c.batchSize()).isEqualTo(32);
    assertThat(c.lingerMs()).isEqualTo(5);
    assertThat(c.socTopic()).isEqualTo("fleet.soc");
    assertThat(c.kafkaOverrides()).containsEntry("commit.interval.ms", "250");
    assertThat(KafkaStreamsProperties.of(c))
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "250")
        .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, c.dlqTopic())
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2");
  }

  @Test
  void atLeastOnceCommitsEverySecondUnlessTold() {
    SocStreamsConfig alo =
        SocStreamsConfig.of(Map.of(SocStreamsConfig.PROCESSING_GUARANTEE, "at_least_once"));
    assertThat(KafkaStreamsProperties.of(alo))
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000L);
    SocStreamsConfig told =
        SocStreamsConfig.of(
            Map.of(
                SocStreamsConfig.PROCESSING_GUARANTEE,
                "at_least_once",
                "kafka.commit.interval.ms",
                "250"));
    assertThat(KafkaStreamsProperties.of(told))
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "250");
    // exactly_once_v2 keeps Kafka Streams' own default (100 ms).
    assertThat(KafkaStreamsProperties.of(SocStreamsConfig.defaultsOnly()))
        .doesNotContainKey(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
  }

  @Test
  void runSettings() {
    SocStreamsConfig c =
        SocStreamsConfig.load(
            null,
            Map.of(
                "SOC_TOPICS_CREATE", "false",
                "SOC_TOPICS_PARTITIONS", "12",
                "SOC_TOPICS_REPLICATION", "3",
                "SOC_HEALTH_MAX_DLQ_RATIO", "0.05",
                "SOC_INSTANCE_ID", "soc-0",
                "SOC_MODEL_DIR", "/opt/model"));
    assertThat(c.topicsCreate()).isFalse();
    assertThat(c.topicsPartitions()).isEqualTo(12);
    assertThat(c.topicsReplication()).isEqualTo((short) 3);
    assertThat(c.healthMaxDlqRatio()).isEqualTo(0.05);
    assertThat(c.instanceId()).isEqualTo("soc-0");
    assertThat(c.modelDir()).contains(Path.of("/opt/model"));
    assertThat(KafkaStreamsProperties.of(c))
        .containsEntry("main.consumer.group.instance.id", "soc-0")
        .containsEntry("processing.exception.handler.global.enabled", true);
  }

  @Test
  void theDefaultInstanceIdIsStablePerHostAndStateDirectory() {
    String a = DefaultInstanceId.of("node-1.example", Path.of("/var/lib/soc/a"));
    assertThat(a).matches("node-1\\.example-[0-9a-f]{8}");
    assertThat(DefaultInstanceId.of("node-1.example", Path.of("/var/lib/soc/a"))).isEqualTo(a);
    assertThat(DefaultInstanceId.of("node-1.example", Path.of("/var/lib/soc/b"))).isNotEqualTo(a);
    assertThat(DefaultInstanceId.of("node-2.example", Path.of("/var/lib/soc/a"))).isNotEqualTo(a);
    assertThat(DefaultInstanceId.of("odd host!", Path.of("/s"))).matches("odd-host--[0-9a-f]{8}");
    SocStreamsConfig one = SocStreamsConfig.of(Map.of(SocStreamsConfig.STATE_DIR, "/tmp/one"));
    SocStreamsConfig two = SocStreamsConfig.of(Map.of(SocStreamsConfig.STATE_DIR, "/tmp/two"));
    assertThat(one.instanceId()).isNotEqualTo(two.instanceId());
  }

  @Test
  void environmentNames() {
    assertThat(SocStreamsConfig.environmentName("soc.batch.size")).isEqualTo("SOC_BATCH_SIZE");
    assertThat(SocStreamsConfig.environmentName(SocStreamsConfig.OUT_OF_ORDER_TOLERANCE_MS))
        .isEqualTo("SOC_OUT_OF_ORDER_TOLERANCE_MS");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "soc.batch.size|0",
        "soc.batch.size|lots",
        "soc.linger.ms|-1",
        "soc.emit.every|0",
        "soc.stream.threads|0",
        "soc.processing.guarantee|exactly_once",
        "soc.repartition.enabled|yes",
        "soc.bounds.voltage.min|9",
        "soc.bounds.current.max|NaN",
        "soc.topic.soc|bad topic",
        "soc.features.horizons.s|500,100",
        "soc.ops.port|-2",
        "soc.ops.port|65536",
        "soc.no.such.setting|1",
        "soc.pack.series|0",
        "soc.pack.series|1.5",
        "soc.pack.parallel|-1",
        "soc.pack.parallel|two",
        "soc.topics.create|maybe",
        "soc.topics.partitions|0",
        "soc.topics.partitions|many",
        "soc.topics.replication|0",
        "soc.topics.replication|40000",
        "soc.health.max.dlq.ratio|1.5",
        "soc.health.max.dlq.ratio|-0.1",
        "soc.health.max.dlq.ratio|half",
        "soc.instance.id|two words",
      })
  void aBadValueNamesTheSettingAndTheValue(String key, String value) {
    assertThatThrownBy(() -> SocStreamsConfig.of(Map.of(key, value)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(value);
  }

  @Test
  void packLayoutIsOneCellUnlessSeriesOrParallelAreSet() {
    assertThat(SocStreamsConfig.defaultsOnly().packLayout()).isEqualTo(PackLayout.CELL);
    assertThat(SocStreamsConfig.defaultsOnly().telemetryDescription())
        .isEqualTo("one cell per record (soc.pack.series=1, soc.pack.parallel=1)");
    SocStreamsConfig pack =
        SocStreamsConfig.load(null, Map.of("SOC_PACK_SERIES", "96", "SOC_PACK_PARALLEL", "2"));
    assertThat(pack.packLayout()).isEqualTo(new PackLayout(96, 2));
    assertThat(pack.telemetryDescription())
        .isEqualTo("pack 96s2p, divided to one cell (soc.pack.series=96, soc.pack.parallel=2)");
  }

  @Test
  void aBadEnvironmentValueNamesTheSetting() {
    assertThatThrownBy(() -> SocStreamsConfig.load(null, Map.of("SOC_LINGER_MS", "soon")))
        .hasMessageContaining("soc.linger.ms")
        .hasMessageContaining("soon");
  }

  @Test
  void servingSpecIsTheCardsUnlessConfigured() {
    FeatureSpec card = new FeatureSpec(30, List.of(500), 60_000);
    assertThat(SocStreamsConfig.defaultsOnly().servingSpec(card)).isEqualTo(card);
    SocStreamsConfig c =
        SocStreamsConfig.of(
            Map.of(
                SocStreamsConfig.FEATURES_WINDOW_LENGTH, "20",
                SocStreamsConfig.FEATURES_HORIZONS_S, "100, 500"));
    assertThat(c.servingSpec(card)).isEqualTo(new FeatureSpec(20, List.of(100, 500), 60_000));
  }

  @Test
  void theShippedExampleListsEverySettingWithItsDefault() throws IOException {
    Properties example = new Properties();
    try (InputStream in =
        SocStreamsConfig.class.getResourceAsStream("/soc-stream.example.properties")) {
      assertThat(in).isNotNull();
      example.load(in);
    }
    assertThat(example.stringPropertyNames())
        .containsExactlyInAnyOrderElementsOf(SocStreamsConfig.defaultValues().keySet());
    SocStreamsConfig.defaultValues()
        .forEach((key, value) -> assertThat(example.getProperty(key)).as(key).isEqualTo(value));
  }

  @Test
  void secretsStayOutOfToString() {
    SocStreamsConfig c =
        SocStreamsConfig.of(
            Map.of(
                SocStreamsConfig.SCHEMA_REGISTRY_BASIC_AUTH,
                "user:s3cret",
                "kafka.sasl.jaas.config",
                "password=\"hunter2\""));
    assertThat(c.toString()).doesNotContain("s3cret").doesNotContain("hunter2");
    assertThat(c.serdeConfig()).containsEntry("basic.auth.user.info", "user:s3cret");
  }
}
