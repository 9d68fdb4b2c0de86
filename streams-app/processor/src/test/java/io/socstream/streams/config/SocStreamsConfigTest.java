package io.socstream.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.PackLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
    assertThat(c.applicationId()).isEqualTo("soc-stream");
    assertThat(c.schemaRegistryUrl()).isEqualTo("http://localhost:8081");
    assertThat(c.schemaRegistryBasicAuth()).isEmpty();
    assertThat(c.streamThreads()).isEqualTo(1);
    assertThat(c.outOfOrderToleranceMs()).isEqualTo(5_000);
    assertThat(c.futureToleranceMs()).isEqualTo(60_000);
    assertThat(c.voltageBounds()).isEqualTo(new SocStreamsConfig.Bounds(0, 5));
    assertThat(c.currentBounds()).isEqualTo(new SocStreamsConfig.Bounds(-100, 100));
    assertThat(c.temperatureBounds()).isEqualTo(new SocStreamsConfig.Bounds(-40, 85));
    assertThat(c.inferenceThreads()).isEqualTo(1);
    assertThat(c.packLayout()).isEqualTo(PackLayout.CELL);
    assertThat(c.kafkaOverrides()).isEmpty();
    assertThat(c.get(SocStreamsConfig.FEATURES_WINDOW_LENGTH)).isEmpty();
    assertThat(c.get(SocStreamsConfig.FEATURES_HORIZONS_S)).isEmpty();
    assertThat(c.get(SocStreamsConfig.FEATURES_MAX_GAP_MS)).isEmpty();
  }

  /** A valid value other than the default for every setting: a new setting must add one. */
  private static final Map<String, String> NON_DEFAULT =
      Map.ofEntries(
          Map.entry(SocStreamsConfig.BOOTSTRAP_SERVERS, "kafka-1:9092,kafka-2:9092"),
          Map.entry(SocStreamsConfig.APPLICATION_ID, "fleet-soc"),
          Map.entry(SocStreamsConfig.MODELS_TOPIC, "fleet.models"),
          Map.entry(SocStreamsConfig.SHADOW_TOPIC, "fleet.soc.shadow"),
          Map.entry(SocStreamsConfig.MODELS_FOLLOW, "false"),
          Map.entry(SocStreamsConfig.STREAM_THREADS, "4"),
          Map.entry(SocStreamsConfig.PROCESSING_GUARANTEE, "at_least_once"),
          Map.entry(SocStreamsConfig.STATE_DIR, "/var/lib/soc"),
          Map.entry(SocStreamsConfig.SCHEMA_REGISTRY_URL, "https://registry:8081"),
          Map.entry(SocStreamsConfig.SCHEMA_REGISTRY_BASIC_AUTH, "user:pw"),
          Map.entry(SocStreamsConfig.TELEMETRY_TOPIC, "fleet.telemetry"),
          Map.entry(SocStreamsConfig.SOC_TOPIC, "fleet.soc"),
          Map.entry(SocStreamsConfig.DLQ_TOPIC, "fleet.dlq"),
          Map.entry(SocStreamsConfig.REPARTITION, "false"),
          Map.entry(SocStreamsConfig.MODEL_DIR, "/opt/model"),
          Map.entry(SocStreamsConfig.INFERENCE_THREADS, "0"),
          Map.entry(SocStreamsConfig.BATCH_SIZE, "256"),
          Map.entry(SocStreamsConfig.LINGER_MS, "0"),
          Map.entry(SocStreamsConfig.EMIT_EVERY, "10"),
          Map.entry(SocStreamsConfig.FEATURES_WINDOW_LENGTH, "20"),
          Map.entry(SocStreamsConfig.FEATURES_HORIZONS_S, "100,500"),
          Map.entry(SocStreamsConfig.FEATURES_MAX_GAP_MS, "30000"),
          Map.entry(SocStreamsConfig.PACK_SERIES, "96"),
          Map.entry(SocStreamsConfig.PACK_PARALLEL, "2"),
          Map.entry(SocStreamsConfig.OUT_OF_ORDER_TOLERANCE_MS, "20000"),
          Map.entry(SocStreamsConfig.FUTURE_TOLERANCE_MS, "1000"),
          Map.entry(SocStreamsConfig.VOLTAGE_MIN, "2.5"),
          Map.entry(SocStreamsConfig.VOLTAGE_MAX, "4.3"),
          Map.entry(SocStreamsConfig.CURRENT_MIN, "-20"),
          Map.entry(SocStreamsConfig.CURRENT_MAX, "20.5"),
          Map.entry(SocStreamsConfig.TEMPERATURE_MIN, "-20"),
          Map.entry(SocStreamsConfig.TEMPERATURE_MAX, "60"),
          Map.entry(SocStreamsConfig.OPS_PORT, "9090"),
          Map.entry(SocStreamsConfig.OPS_HOST, "127.0.0.1"),
          Map.entry(SocStreamsConfig.TOPICS_CREATE, "false"),
          Map.entry(SocStreamsConfig.TOPICS_PARTITIONS, "12"),
          Map.entry(SocStreamsConfig.TOPICS_REPLICATION, "3"),
          Map.entry(SocStreamsConfig.HEALTH_MAX_DLQ_RATIO, "0.05"),
          Map.entry(SocStreamsConfig.INSTANCE_ID, "soc-0"));

  @Test
  void everyPublicKeyConstantIsDeclaredOnceWithDocImportanceAndDefault() throws Exception {
    List<String> constants = new ArrayList<>();
    for (Field field : SocStreamsConfig.class.getFields()) {
      if (field.getType() == String.class
          && Modifier.isStatic(field.getModifiers())
          && ((String) field.get(null)).startsWith("soc.")) {
        constants.add((String) field.get(null));
      }
    }
    assertThat(SocStreamsConfig.SETTINGS.names()).containsExactlyInAnyOrderElementsOf(constants);
    assertThat(SocStreamsConfig.configDef().names()).containsExactlyInAnyOrderElementsOf(constants);
    for (SettingsCatalog.Setting setting : SocStreamsConfig.SETTINGS.settings()) {
      assertThat(setting.doc()).as(setting.name()).isNotBlank().endsWith(".");
      assertThat(setting.importance()).as(setting.name()).isNotNull();
      assertThat(setting.validValues()).as(setting.name()).isNotBlank();
    }
    assertThat(NON_DEFAULT.keySet()).containsExactlyInAnyOrderElementsOf(constants);
  }

  @Test
  void everyDeclaredDefaultIsWhatTheEngineResolves() {
    SocStreamsConfig c = SocStreamsConfig.defaultsOnly();
    String home = System.getProperty("user.home");
    SocStreamsConfig.defaultValues()
        .forEach(
            (key, value) ->
                assertThat(c.get(key)).as(key).isEqualTo(value.replace("${user.home}", home)));
    // Kafka's own view of the defaults agrees (numbers parsed, optional ones null).
    Map<String, Object> kafkaDefaults = SocStreamsConfig.configDef().defaultValues();
    assertThat(kafkaDefaults)
        .containsEntry(SocStreamsConfig.BATCH_SIZE, 64)
        .containsEntry(SocStreamsConfig.LINGER_MS, 50L)
        .containsEntry(SocStreamsConfig.VOLTAGE_MAX, 5.0)
        .containsEntry(SocStreamsConfig.REPARTITION, true)
        .containsEntry(SocStreamsConfig.FEATURES_WINDOW_LENGTH, null)
        .containsEntry(SocStreamsConfig.FEATURES_MAX_GAP_MS, null)
        .containsEntry(SocStreamsConfig.FEATURES_HORIZONS_S, List.of());
  }

  @Test
  void everySettingCanBeOverriddenByItsEnvironmentVariable() {
    Map<String, String> environment = new HashMap<>();
    NON_DEFAULT.forEach(
        (key, value) -> environment.put(SocStreamsConfig.environmentName(key), value));
    SocStreamsConfig c = SocStreamsConfig.load(null, environment);
    NON_DEFAULT.forEach((key, value) -> assertThat(c.get(key)).as(key).isEqualTo(value));
    SocStreamsConfig d = SocStreamsConfig.defaultsOnly();
    NON_DEFAULT.forEach((key, value) -> assertThat(d.get(key)).as(key).isNotEqualTo(value));
    assertThat(c.batchSize()).isEqualTo(256);
    assertThat(c.lingerMs()).isZero();
    assertThat(c.repartition()).isFalse();
    assertThat(c.schemaRegistryBasicAuth()).isEqualTo("user:pw");
    assertThat(c.currentBounds()).isEqualTo(new SocStreamsConfig.Bounds(-20, 20.5));
    assertThat(c.packLayout()).isEqualTo(new PackLayout(96, 2));
    assertThat(c.servingSpec(new FeatureSpec(30, List.of(500), 60_000)))
        .isEqualTo(new FeatureSpec(20, List.of(100, 500), 30_000));
    // kafka.* settings are not read from the environment.
    assertThat(
            SocStreamsConfig.load(null, Map.of("KAFKA_COMMIT_INTERVAL_MS", "5")).kafkaOverrides())
        .isEmpty();
  }

  @Test
  void theEnvironmentWinsOverTheFileForEverySetting() throws IOException {
    Path file = dir.resolve("all.properties");
    Properties properties = new Properties();
    SocStreamsConfig.defaultValues().forEach(properties::setProperty);
    try (OutputStream out = Files.newOutputStream(file)) {
      properties.store(out, null);
    }
    Map<String, String> environment = new HashMap<>();
    NON_DEFAULT.forEach(
        (key, value) -> environment.put(SocStreamsConfig.environmentName(key), value));
    SocStreamsConfig c = SocStreamsConfig.load(file, environment);
    NON_DEFAULT.forEach((key, value) -> assertThat(c.get(key)).as(key).isEqualTo(value));
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
        "soc.bootstrap.servers|' '",
        "soc.application.id|''",
        "soc.state.dir|''",
        "soc.ops.host|''",
        "soc.topic.telemetry|..",
        "soc.topic.dlq|''",
        "soc.inference.threads|1025",
        "soc.inference.threads|-1",
        "soc.linger.ms|3600001",
        "soc.linger.ms|99999999999999999999",
        "soc.out.of.order.tolerance.ms|-5",
        "soc.future.tolerance.ms|-1",
        "soc.bounds.temperature.max|Infinity",
        "soc.bounds.current.min|-",
        "soc.features.window.length|0",
        "soc.features.window.length|long",
        "soc.features.max.gap.ms|0",
        "soc.features.horizons.s|0",
        "soc.features.horizons.s|100,x",
        "soc.features.horizons.s|500,500",
        "soc.stream.threads|1025",
        "soc.emit.every|1000001",
      })
  void aBadValueNamesTheSettingAndTheValue(String key, String value) {
    assertThatThrownBy(() -> SocStreamsConfig.of(Map.of(key, value)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(value);
  }

  @Test
  void aBadValueIsOneLineInTheStartUpFormat() {
    assertThatThrownBy(() -> SocStreamsConfig.of(Map.of(SocStreamsConfig.BATCH_SIZE, "0")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("Invalid value '0' for setting 'soc.batch.size': Value must be at least 1")
        .satisfies(
            e -> assertThat(((InvalidSettingException) e).key()).isEqualTo("soc.batch.size"));
    assertThatThrownBy(() -> SocStreamsConfig.of(Map.of(SocStreamsConfig.BATCH_SIZE, "lots")))
        .hasMessage("Invalid value 'lots' for setting 'soc.batch.size': not a whole number");
    assertThatThrownBy(
            () -> SocStreamsConfig.of(Map.of(SocStreamsConfig.PROCESSING_GUARANTEE, "eos")))
        .hasMessage(
            "Invalid value 'eos' for setting 'soc.processing.guarantee': String must be one of:"
                + " exactly_once_v2, at_least_once");
    assertThatThrownBy(() -> SocStreamsConfig.of(Map.of(SocStreamsConfig.VOLTAGE_MAX, "NaN")))
        .hasMessage(
            "Invalid value 'NaN' for setting 'soc.bounds.voltage.max': not a finite number");
    assertThatThrownBy(() -> SocStreamsConfig.of(Map.of(SocStreamsConfig.REPARTITION, "yes")))
        .hasMessage(
            "Invalid value 'yes' for setting 'soc.repartition.enabled': expected true or false");
    assertThatThrownBy(() -> SocStreamsConfig.of(Map.of(SocStreamsConfig.VOLTAGE_MIN, "9")))
        .hasMessage(
            "Invalid value '9' for setting 'soc.bounds.voltage.min': must be below"
                + " soc.bounds.voltage.max (5)");
    assertThatThrownBy(() -> SocStreamsConfig.of(Map.of("kafka.bootstrap.servers", "x:1")))
        .hasMessageContaining("use soc.application.id / soc.bootstrap.servers instead");
  }

  @Test
  void anUnknownSettingSuggestsTheClosestDeclaredOne() {
    assertThatThrownBy(() -> SocStreamsConfig.of(Map.of("soc.batch.sise", "8")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage(
            "Invalid value '8' for setting 'soc.batch.sise': unknown setting; did you mean"
                + " soc.batch.size? every setting is in "
                + SettingsDocs.MARKDOWN
                + ", other Kafka settings take the prefix kafka.");
    assertThatThrownBy(() -> SocStreamsConfig.of(Map.of("commit.interval.ms", "100")))
        .hasMessageContaining("'commit.interval.ms': unknown setting; every setting is in")
        .hasMessageContaining("the prefix kafka.");
    assertThat(SettingsResolver.editDistance("soc.linger.ms", "soc.linger.ms")).isZero();
    assertThat(SettingsResolver.editDistance("soc.lingr.ms", "soc.linger.ms")).isEqualTo(1);
    assertThat(SettingsResolver.editDistance("abc", "")).isEqualTo(3);
  }

  @Test
  void aBadPasswordIsNamedButNotShown() {
    assertThatThrownBy(
            () ->
                SocStreamsConfig.of(
                    Map.of(SocStreamsConfig.SCHEMA_REGISTRY_BASIC_AUTH, "s3cret-without-user")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(SocStreamsConfig.SCHEMA_REGISTRY_BASIC_AUTH)
        .hasMessageContaining("user:password")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void numbersAndSwitchesAreTrimmedAndSwitchesIgnoreCase() {
    SocStreamsConfig c =
        SocStreamsConfig.of(
            Map.of(SocStreamsConfig.BATCH_SIZE, " 32 ", SocStreamsConfig.REPARTITION, "FALSE"));
    assertThat(c.batchSize()).isEqualTo(32);
    assertThat(c.repartition()).isFalse();
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
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage(
            "Invalid value 'soon' for setting 'soc.linger.ms': not a whole number (from"
                + " environment variable SOC_LINGER_MS)")
        .satisfies(e -> assertThat(((InvalidSettingException) e).key()).isEqualTo("soc.linger.ms"));
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
