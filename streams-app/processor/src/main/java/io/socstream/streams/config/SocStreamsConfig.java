package io.socstream.streams.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.PackLayout;
import io.socstream.core.inference.RunnerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * The engine's typed settings, each declared once in {@link #SETTINGS} (a Kafka {@link ConfigDef}
 * with type, default, validator, importance, unit and documentation; {@link #configDef()}). The
 * shipped {@code soc-stream.example.properties} and {@code streams-app/CONFIGURATION.md} are
 * generated from it ({@link SettingsDocs}).
 *
 * <p>Sources, later ones win: the defaults, a properties file, then environment variables. The
 * environment variable of a key is the key upper-cased with dots and dashes turned into underscores
 * ({@code SOC_BATCH_SIZE} overrides {@code soc.batch.size}). {@code ${user.home}} in a value is
 * replaced by the user's home directory. Keys starting with {@code kafka.} are handed, without that
 * prefix, to Kafka Streams as they are (e.g. {@code kafka.commit.interval.ms}). A value that does
 * not parse or is not valid fails with an {@link InvalidSettingException} naming the setting and
 * the value.
 *
 * <p>A new setting: a key constant, one {@code define(...)} in {@link #SETTINGS} (in the group it
 * belongs to), an accessor; then regenerate the docs ({@link SettingsDocs#REGENERATE}). {@code
 * SocStreamsConfigTest} asks for a non-default value of it (environment override test).
 *
 * <p>The parsed values live in a Kafka {@link AbstractConfig}; this class wraps it rather than
 * extending it because its {@link #get(String)} (the value as text) would clash with {@code
 * AbstractConfig}'s own {@code get}, which its typed getters rely on.
 */
public final class SocStreamsConfig {

  public static final String BOOTSTRAP_SERVERS = "soc.bootstrap.servers";
  public static final String APPLICATION_ID = "soc.application.id";
  public static final String STREAM_THREADS = "soc.stream.threads";
  public static final String PROCESSING_GUARANTEE = "soc.processing.guarantee";
  public static final String STATE_DIR = "soc.state.dir";
  public static final String SCHEMA_REGISTRY_URL = "soc.schema.registry.url";
  public static final String SCHEMA_REGISTRY_BASIC_AUTH =
      "soc.schema.registry.basic.auth.user.info";
  public static final String TELEMETRY_TOPIC = "soc.topic.telemetry";
  public static final String SOC_TOPIC = "soc.topic.soc";
  public static final String DLQ_TOPIC = "soc.topic.dlq";
  public static final String REPARTITION = "soc.repartition.enabled";
  public static final String MODEL_DIR = "soc.model.dir";
  public static final String INFERENCE_THREADS = "soc.inference.threads";
  public static final String BATCH_SIZE = "soc.batch.size";
  public static final String LINGER_MS = "soc.linger.ms";
  public static final String EMIT_EVERY = "soc.emit.every";
  public static final String FEATURES_WINDOW_LENGTH = "soc.features.window.length";
  public static final String FEATURES_HORIZONS_S = "soc.features.horizons.s";
  public static final String FEATURES_MAX_GAP_MS = "soc.features.max.gap.ms";
  public static final String PACK_SERIES = "soc.pack.series";
  public static final String PACK_PARALLEL = "soc.pack.parallel";
  public static final String OUT_OF_ORDER_TOLERANCE_MS = "soc.out.of.order.tolerance.ms";
  public static final String FUTURE_TOLERANCE_MS = "soc.future.tolerance.ms";
  public static final String VOLTAGE_MIN = "soc.bounds.voltage.min";
  public static final String VOLTAGE_MAX = "soc.bounds.voltage.max";
  public static final String CURRENT_MIN = "soc.bounds.current.min";
  public static final String CURRENT_MAX = "soc.bounds.current.max";
  public static final String TEMPERATURE_MIN = "soc.bounds.temperature.min";
  public static final String TEMPERATURE_MAX = "soc.bounds.temperature.max";
  public static final String OPS_PORT = "soc.ops.port";
  public static final String OPS_HOST = "soc.ops.host";
  public static final String TOPICS_CREATE = "soc.topics.create";
  public static final String TOPICS_PARTITIONS = "soc.topics.partitions";
  public static final String TOPICS_REPLICATION = "soc.topics.replication";
  public static final String HEALTH_MAX_DLQ_RATIO = "soc.health.max.dlq.ratio";
  public static final String INSTANCE_ID = "soc.instance.id";
  public static final String MODELS_TOPIC = "soc.topic.models";
  public static final String SHADOW_TOPIC = "soc.topic.shadow";
  public static final String MODELS_FOLLOW = "soc.models.follow";

  /** Prefix of settings handed to Kafka Streams as they are, without the prefix. */
  public static final String KAFKA_PREFIX = SettingsResolver.KAFKA_PREFIX;

  private static final ConfigDef.Validator NON_EMPTY = new ConfigDef.NonEmptyString();
  private static final ConfigDef.Validator COUNT = Range.between(1, 100_000);

  /** Every soc.* setting, declared once; the docs are generated from here. */
  public static final SettingsCatalog SETTINGS =
      new SettingsCatalog()
          .group(
              "Kafka",
              "Where the brokers are and how this instance joins its application. Any other Kafka"
                  + " Streams or client setting is a `kafka.*` key (see the last section).")
          .define(
              BOOTSTRAP_SERVERS,
              Type.STRING,
              "localhost:9092",
              NON_EMPTY,
              HIGH,
              "",
              "Kafka bootstrap servers, `host:port[,host:port...]`.")
          .define(
              APPLICATION_ID,
              Type.STRING,
              "soc-stream",
              NON_EMPTY,
              HIGH,
              "",
              "Kafka Streams application id: consumer group and prefix of every internal topic"
                  + " (`<id>-...-changelog`, `<id>-telemetry-by-battery-repartition`). Instances"
                  + " with the same id share the work.")
          .define(
              STREAM_THREADS,
              Type.INT,
              "1",
              Range.between(1, 1024),
              MEDIUM,
              "count",
              "Kafka Streams threads in this instance; the telemetry topic's partitions bound the"
                  + " useful number.")
          .define(
              PROCESSING_GUARANTEE,
              Type.STRING,
              "exactly_once_v2",
              ValidString.in("exactly_once_v2", "at_least_once"),
              MEDIUM,
              "",
              "`exactly_once_v2`: estimates, dead letters, state and input offsets commit"
                  + " together, so windows buffered for a batch are neither lost nor estimated"
                  + " twice. `at_least_once`: commits every 1 s unless `kafka.commit.interval.ms`"
                  + " says otherwise; after a crash up to that much is estimated twice.")
          .define(
              STATE_DIR,
              Type.STRING,
              "${user.home}/.soc-stream/state",
              NON_EMPTY,
              HIGH,
              "",
              "Directory of the local state stores (RocksDB); restored from the changelogs when"
                  + " lost. Keep it off /tmp: a wiped state directory forces a full restore.")
          .group("Schema Registry", "The Confluent-compatible registry of the Avro schemas.")
          .define(
              SCHEMA_REGISTRY_URL,
              Type.STRING,
              "http://localhost:8081",
              NON_EMPTY,
              HIGH,
              "",
              "Schema Registry URL, `http(s)://host:port` (`mock://<scope>` = in memory, for"
                  + " tests and the demo only).")
          .define(
              SCHEMA_REGISTRY_BASIC_AUTH,
              Type.PASSWORD,
              "",
              SettingValidators.emptyOrMatching(Pattern.compile("[^:]*:.*"), "user:password"),
              MEDIUM,
              "",
              "Schema Registry basic auth as `user:password`; empty = no authentication.")
          .group("Topics", "The external topics (Avro, Confluent wire format).")
          .define(
              TELEMETRY_TOPIC,
              Type.STRING,
              "battery.telemetry",
              SettingValidators.topicName(),
              HIGH,
              "",
              "Telemetry in (Avro `Telemetry`).")
          .define(
              SOC_TOPIC,
              Type.STRING,
              "battery.soc",
              SettingValidators.topicName(),
              HIGH,
              "",
              "Estimates out (Avro `SocEstimate`, keyed by battery id).")
          .define(
              DLQ_TOPIC,
              Type.STRING,
              "battery.telemetry.dlq",
              SettingValidators.topicName(),
              HIGH,
              "",
              "Dead letters (Avro `DeadLetter`: reason, message, original key and value bytes,"
                  + " source coordinates).")
          .define(
              REPARTITION,
              Type.BOOLEAN,
              "true",
              null,
              LOW,
              "",
              "Re-key telemetry by battery id through `<id>-telemetry-by-battery-repartition`."
                  + " `false` only when producers already key by battery id with the default"
                  + " partitioner.")
          .group("Model", "The model and how it is called.")
          .define(
              MODEL_DIR,
              Type.STRING,
              "",
              null,
              HIGH,
              "",
              "TensorFlow SavedModel directory, with its `model-card.json`; empty = the model"
                  + " shipped with the repository (`model-export/model`, found from `./soc`'s"
                  + " soc.home, the working directory or the jar).")
          .define(
              INFERENCE_THREADS,
              Type.INT,
              "1",
              Range.between(0, 1024),
              LOW,
              "count",
              "TensorFlow threads per model call, for its intra-op and inter-op pools; 0 ="
                  + " TensorFlow's choice (all cores). 1: the model's ops are too small to gain"
                  + " from splitting (10 against 17 µs per window at batch 256 on 2 cores), and"
                  + " each stream thread already calls the model on its own.")
          .define(
              BATCH_SIZE,
              Type.INT,
              "64",
              Range.between(1, 4096),
              MEDIUM,
              "windows",
              "B: most windows per model call.")
          .define(
              LINGER_MS,
              Type.LONG,
              "50",
              Range.between(0, 3_600_000),
              MEDIUM,
              "ms (wall clock)",
              "L: how long a window may wait for a full batch; 0 = run the model after every"
                  + " input record.")
          .define(
              EMIT_EVERY,
              Type.INT,
              "1",
              Range.between(1, 1_000_000),
              MEDIUM,
              "windows",
              "k: estimate every k-th window of a battery; 1 = one estimate per sample.")
          .define(
              FEATURES_WINDOW_LENGTH,
              Type.INT,
              "",
              SettingValidators.optional(Range.between(1, 100_000)),
              LOW,
              "steps",
              "Window length T the deployment expects; empty = the model card's. When set,"
                  + " start-up fails if the card differs.")
          .define(
              FEATURES_HORIZONS_S,
              Type.LIST,
              "",
              SettingValidators.increasingPositiveIntegers(),
              LOW,
              "s",
              "Rolling-mean horizons the deployment expects, comma-separated (e.g. `500`);"
                  + " empty = the model card's. When set, start-up fails if the card differs.")
          .define(
              FEATURES_MAX_GAP_MS,
              Type.LONG,
              "",
              SettingValidators.optional(Range.atLeast(1)),
              LOW,
              "ms (event time)",
              "Longest gap between two samples of a battery before its warm-up restarts; empty ="
                  + " the model card's.")
          .group(
              "One cell, or a pack",
              "The model estimates ONE cell (LG 18650HG2, about 2.5-4.2 V, 3 Ah). For a pack's"
                  + " telemetry give its wiring: the engine divides the voltage by the cells in"
                  + " series and the current by the cells in parallel BEFORE validation, so the"
                  + " bounds and the model see one cell's values (1 and 1 = the telemetry is one"
                  + " cell's). A 400 V pack of 96 cells in series: `soc.pack.series=96`.")
          .define(
              PACK_SERIES,
              Type.INT,
              "1",
              COUNT,
              HIGH,
              "cells",
              "Cells in series in the pack whose telemetry arrives: the voltage is divided by this.")
          .define(
              PACK_PARALLEL,
              Type.INT,
              "1",
              COUNT,
              HIGH,
              "cells",
              "Cells in parallel in the pack whose telemetry arrives: the current is divided by"
                  + " this.")
          .group(
              "Validation",
              "What a sample must satisfy to be estimated; what fails goes to the dead-letter topic"
                  + " with its reason. The plausible ranges are inclusive and apply to ONE CELL's"
                  + " values, after the pack conversion above.")
          .define(
              OUT_OF_ORDER_TOLERANCE_MS,
              Type.LONG,
              "5000",
              Range.atLeast(0),
              MEDIUM,
              "ms (event time)",
              "A sample older than its battery's newest by at most this much is dropped and"
                  + " counted; an older one goes to the dead-letter topic as `LATE`. A sample"
                  + " further than this AHEAD of its battery's newest is held until the next"
                  + " sample confirms the jump (one bad timestamp then costs only itself): for"
                  + " telemetry sent less often than this (e.g. every 10 s), raise it above the"
                  + " reporting interval, or every estimate comes one sample late.")
          .define(
              FUTURE_TOLERANCE_MS,
              Type.LONG,
              "60000",
              Range.atLeast(0),
              LOW,
              "ms",
              "A measurement time further than this ahead of both the record's Kafka timestamp"
                  + " and the wall clock goes to the dead-letter topic as `FUTURE_TIMESTAMP`.")
          .define(
              VOLTAGE_MIN,
              Type.DOUBLE,
              "0",
              SettingValidators.finite(null),
              MEDIUM,
              "V",
              "Lowest plausible cell voltage; below it a sample is `OUT_OF_BOUNDS`.")
          .define(
              VOLTAGE_MAX,
              Type.DOUBLE,
              "5",
              SettingValidators.finite(null),
              MEDIUM,
              "V",
              "Highest plausible cell voltage (the default fits one Li-ion cell).")
          .define(
              CURRENT_MIN,
              Type.DOUBLE,
              "-100",
              SettingValidators.finite(null),
              MEDIUM,
              "A",
              "Lowest plausible cell current (negative = discharge).")
          .define(
              CURRENT_MAX,
              Type.DOUBLE,
              "100",
              SettingValidators.finite(null),
              MEDIUM,
              "A",
              "Highest plausible cell current.")
          .define(
              TEMPERATURE_MIN,
              Type.DOUBLE,
              "-40",
              SettingValidators.finite(null),
              MEDIUM,
              "°C",
              "Lowest plausible temperature.")
          .define(
              TEMPERATURE_MAX,
              Type.DOUBLE,
              "85",
              SettingValidators.finite(null),
              MEDIUM,
              "°C",
              "Highest plausible temperature.")
          .group("Operations", "The ops HTTP endpoint of `soc run`.")
          .define(
              OPS_PORT,
              Type.INT,
              "8080",
              Range.between(-1, 65535),
              MEDIUM,
              "TCP port",
              "Port of the ops endpoint (`/metrics`, `/health`, `/batteries/{id}/soc`): 0 = a"
                  + " free port, -1 = no endpoint. `soc run --ops-port` overrides it.")
          .define(
              OPS_HOST,
              Type.STRING,
              "0.0.0.0",
              NON_EMPTY,
              MEDIUM,
              "",
              "Address the ops endpoint listens on (`0.0.0.0` = every interface, `127.0.0.1` ="
                  + " this host only). `soc run --ops-host` overrides it.")
          .group(
              "Topics, health, restarts",
              "What `soc run` does at start-up and how it reports readiness.")
          .define(
              TOPICS_CREATE,
              Type.BOOLEAN,
              "true",
              null,
              MEDIUM,
              "",
              "Create missing telemetry, SOC and dead-letter topics at start-up, with"
                  + " `retention.ms=-1`: replayed telemetry keeps its recorded timestamps and"
                  + " estimates carry measurement time, so a time-based retention would delete"
                  + " them at once. `false`: a missing topic stops start-up.")
          .define(
              TOPICS_PARTITIONS,
              Type.INT,
              "6",
              Range.between(1, 10_000),
              MEDIUM,
              "partitions",
              "Partitions of the topics `soc run` creates; they bound the useful instances x"
                  + " threads.")
          .define(
              TOPICS_REPLICATION,
              Type.INT,
              "1",
              Range.between(1, (int) Short.MAX_VALUE),
              MEDIUM,
              "replicas",
              "Replication factor of the topics `soc run` creates (1 for a single broker).")
          .define(
              HEALTH_MAX_DLQ_RATIO,
              Type.DOUBLE,
              "0.5",
              SettingValidators.finite(Range.between(0.0, 1.0)),
              LOW,
              "share (0..1)",
              "`/health/ready` answers 503 when dead letters exceed this share of the last 1,000"
                  + " records taken in.")
          .define(
              INSTANCE_ID,
              Type.STRING,
              "",
              SettingValidators.emptyOrMatching(
                  Pattern.compile("[a-zA-Z0-9._-]{1,200}"),
                  "1 to 200 letters, digits, '.', '_' or '-'"),
              MEDIUM,
              "",
              "Static membership id (`group.instance.id`; `-<thread>` is appended): a restarted"
                  + " instance takes its partitions back at once instead of waiting for the"
                  + " session timeout. Empty = `<host name>-<checksum of soc.state.dir>`, stable"
                  + " across restarts. Every instance needs its own id: two on one host differ by"
                  + " their state directories.")
          .group(
              "Model rollout",
              "Models published over Kafka (`soc models publish`), swapped in without a restart.")
          .define(
              MODELS_TOPIC,
              Type.STRING,
              "soc.models",
              SettingValidators.topicName(),
              MEDIUM,
              "",
              "Compacted topic models are published to (key `primary`/`shadow`, value = SavedModel"
                  + " + card archive); created if missing (1 partition, `cleanup.policy=compact`,"
                  + " `retention.ms=-1`).")
          .define(
              SHADOW_TOPIC,
              Type.STRING,
              "battery.soc.shadow",
              SettingValidators.topicName(),
              MEDIUM,
              "",
              "Estimates of a published shadow model (Avro `SocEstimate`, same as the soc topic).")
          .define(
              MODELS_FOLLOW,
              Type.BOOLEAN,
              "true",
              null,
              MEDIUM,
              "",
              "Follow the models topic: start with the newest published primary (else"
                  + " `soc.model.dir` or the shipped model) and swap in later publications at a"
                  + " batch boundary. `false` = serve `soc.model.dir` only.");

  private static final ConfigDef CONFIG_DEF = SETTINGS.configDef();

  private final AbstractConfig parsed;
  private final Map<String, String> text;
  private final Map<String, String> kafkaOverrides;
  private final Bounds voltage;
  private final Bounds current;
  private final Bounds temperature;
  private final PackLayout packLayout;
  private final String instanceId;

  private SocStreamsConfig(SettingsResolver.Resolved resolved) {
    this.parsed = new AbstractConfig(CONFIG_DEF, resolved.parsed(), false);
    this.text = Collections.unmodifiableMap(resolved.text());
    this.kafkaOverrides = Collections.unmodifiableMap(resolved.kafka());
    this.voltage = bounds(VOLTAGE_MIN, VOLTAGE_MAX);
    this.current = bounds(CURRENT_MIN, CURRENT_MAX);
    this.temperature = bounds(TEMPERATURE_MIN, TEMPERATURE_MAX);
    this.packLayout = new PackLayout(parsed.getInt(PACK_SERIES), parsed.getInt(PACK_PARALLEL));
    String id = parsed.getString(INSTANCE_ID);
    this.instanceId = id.isEmpty() ? DefaultInstanceId.of(stateDir()) : id;
    if (kafkaOverrides.containsKey("application.id")
        || kafkaOverrides.containsKey("bootstrap.servers")) {
      throw new InvalidSettingException(
          KAFKA_PREFIX + "application.id/bootstrap.servers",
          "set",
          "use " + APPLICATION_ID + " / " + BOOTSTRAP_SERVERS + " instead");
    }
  }

  /** Kafka's declaration of every soc.* setting (a copy: for {@code toRst()}, {@code toHtml()}). */
  public static ConfigDef configDef() {
    return SETTINGS.configDef();
  }

  /** Only the defaults (and no environment): for tests and tools. */
  public static SocStreamsConfig defaultsOnly() {
    return fromMaps(Map.of(), Map.of());
  }

  /** The defaults overridden by {@code overrides}, ignoring the environment. */
  public static SocStreamsConfig of(Map<String, String> overrides) {
    return fromMaps(overrides, Map.of());
  }

  /** Reads {@code file} (may be null = none), then applies the process environment. */
  public static SocStreamsConfig load(Path file) {
    return load(file, System.getenv());
  }

  /** Reads {@code file} (may be null = none), then applies {@code environment}. */
  public static SocStreamsConfig load(Path file, Map<String, String> environment) {
    Map<String, String> fromFile = new LinkedHashMap<>();
    if (file != null) {
      Properties properties = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        properties.load(in);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "Cannot read the configuration file " + file + ": " + e, e);
      }
      for (String name : properties.stringPropertyNames()) {
        fromFile.put(name, properties.getProperty(name));
      }
    }
    return fromMaps(fromFile, environment);
  }

  private static SocStreamsConfig fromMaps(
      Map<String, String> explicit, Map<String, String> environment) {
    return new SocStreamsConfig(SettingsResolver.resolve(SETTINGS, explicit, environment));
  }

  /**
   * The environment variable that overrides {@code key}: {@code soc.batch.size → SOC_BATCH_SIZE}.
   */
  public static String environmentName(String key) {
    return SettingsResolver.environmentName(key);
  }

  /** Every known key with its default as written in a properties file, in documentation order. */
  public static Map<String, String> defaultValues() {
    Map<String, String> defaults = new LinkedHashMap<>();
    for (SettingsCatalog.Setting setting : SETTINGS.settings()) {
      defaults.put(setting.name(), setting.defaultText());
    }
    return Collections.unmodifiableMap(defaults);
  }

  /** The resolved value of {@code key} as text (empty = not set). */
  public String get(String key) {
    String value = text.get(key);
    if (value == null) {
      throw new IllegalArgumentException("Unknown setting " + key);
    }
    return value;
  }

  public String bootstrapServers() {
    return parsed.getString(BOOTSTRAP_SERVERS);
  }

  public String applicationId() {
    return parsed.getString(APPLICATION_ID);
  }

  public String schemaRegistryUrl() {
    return parsed.getString(SCHEMA_REGISTRY_URL);
  }

  /** {@code user:password}, or empty when the registry needs no authentication. */
  public String schemaRegistryBasicAuth() {
    return parsed.getPassword(SCHEMA_REGISTRY_BASIC_AUTH).value();
  }

  public String telemetryTopic() {
    return parsed.getString(TELEMETRY_TOPIC);
  }

  public String socTopic() {
    return parsed.getString(SOC_TOPIC);
  }

  public String dlqTopic() {
    return parsed.getString(DLQ_TOPIC);
  }

  /** {@link #MODELS_TOPIC}: where models are published. */
  public String modelsTopic() {
    return parsed.getString(MODELS_TOPIC);
  }

  /** {@link #SHADOW_TOPIC}: where a shadow model's estimates go. */
  public String shadowTopic() {
    return parsed.getString(SHADOW_TOPIC);
  }

  /** {@link #MODELS_FOLLOW}: whether {@code run} follows the models topic. */
  public boolean modelsFollow() {
    return parsed.getBoolean(MODELS_FOLLOW);
  }

  /** The model directory set by {@link #MODEL_DIR}; empty = use the shipped model. */
  public Optional<Path> modelDir() {
    String dir = parsed.getString(MODEL_DIR);
    return dir.isEmpty() ? Optional.empty() : Optional.of(Path.of(dir));
  }

  public Path stateDir() {
    return Path.of(parsed.getString(STATE_DIR));
  }

  public int streamThreads() {
    return parsed.getInt(STREAM_THREADS);
  }

  public String processingGuarantee() {
    return parsed.getString(PROCESSING_GUARANTEE);
  }

  public int batchSize() {
    return parsed.getInt(BATCH_SIZE);
  }

  public long lingerMs() {
    return parsed.getLong(LINGER_MS);
  }

  public int emitEvery() {
    return parsed.getInt(EMIT_EVERY);
  }

  public long outOfOrderToleranceMs() {
    return parsed.getLong(OUT_OF_ORDER_TOLERANCE_MS);
  }

  public long futureToleranceMs() {
    return parsed.getLong(FUTURE_TOLERANCE_MS);
  }

  public Bounds voltageBounds() {
    return voltage;
  }

  public Bounds currentBounds() {
    return current;
  }

  public Bounds temperatureBounds() {
    return temperature;
  }

  public boolean repartition() {
    return parsed.getBoolean(REPARTITION);
  }

  public int inferenceThreads() {
    return parsed.getInt(INFERENCE_THREADS);
  }

  /** TensorFlow's thread pools for the model: {@link #inferenceThreads()} in both. */
  public RunnerOptions runnerOptions() {
    return new RunnerOptions(inferenceThreads(), inferenceThreads());
  }

  /** The ops endpoint's port: 0 = a free one, -1 = none. */
  public int opsPort() {
    return parsed.getInt(OPS_PORT);
  }

  public String opsHost() {
    return parsed.getString(OPS_HOST);
  }

  /** Whether {@code soc run} creates missing topics. */
  public boolean topicsCreate() {
    return parsed.getBoolean(TOPICS_CREATE);
  }

  /** Partitions of the topics {@code soc run} creates. */
  public int topicsPartitions() {
    return parsed.getInt(TOPICS_PARTITIONS);
  }

  /** Replication factor of the topics {@code soc run} creates. */
  public short topicsReplication() {
    return parsed.getInt(TOPICS_REPLICATION).shortValue();
  }

  /** Highest dead-letter share of the recent input before the instance is not ready. */
  public double healthMaxDlqRatio() {
    return parsed.getDouble(HEALTH_MAX_DLQ_RATIO);
  }

  /** This instance's static membership id: {@link #INSTANCE_ID}, else the derived default. */
  public String instanceId() {
    return instanceId;
  }

  /**
   * How the cells of the telemetry's pack are wired ({@link #PACK_SERIES}, {@link #PACK_PARALLEL});
   * {@link PackLayout#CELL} for cell telemetry.
   */
  public PackLayout packLayout() {
    return packLayout;
  }

  /**
   * What the telemetry is, for the start-up line: {@code one cell per record (soc.pack.series=1,
   * soc.pack.parallel=1)} or {@code pack 96s2p, divided to one cell (soc.pack.series=96,
   * soc.pack.parallel=2)}.
   */
  public String telemetryDescription() {
    String settings =
        "("
            + PACK_SERIES
            + "="
            + packLayout.series()
            + ", "
            + PACK_PARALLEL
            + "="
            + packLayout.parallel()
            + ")";
    return packLayout.isCell()
        ? "one cell per record " + settings
        : "pack " + packLayout + ", divided to one cell " + settings;
  }

  /**
   * The feature spec to serve: the model card's, with every {@code soc.features.*} setting that is
   * set replacing the card's value. The model card must then be compatible with it.
   */
  public FeatureSpec servingSpec(FeatureSpec cardSpec) {
    Integer windowLength = parsed.getInt(FEATURES_WINDOW_LENGTH);
    List<String> horizons = parsed.getList(FEATURES_HORIZONS_S);
    Long maxGapMs = parsed.getLong(FEATURES_MAX_GAP_MS);
    try {
      return new FeatureSpec(
          windowLength != null ? windowLength : cardSpec.windowLength(),
          horizons.isEmpty() ? cardSpec.averagingHorizonsSeconds() : seconds(horizons),
          maxGapMs != null ? maxGapMs : cardSpec.maxGapMs(),
          cardSpec.blockSeconds(),
          cardSpec.deltaTimeFeature());
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(
          FEATURES_HORIZONS_S, get(FEATURES_HORIZONS_S), e.getMessage());
    }
  }

  private static List<Integer> seconds(List<String> horizons) {
    List<Integer> seconds = new ArrayList<>();
    for (String horizon : horizons) {
      seconds.add(Integer.parseInt(horizon.trim())); // the validator accepted every one
    }
    return List.copyOf(seconds);
  }

  /** Settings handed to Kafka Streams as they are ({@code kafka.} prefix removed). */
  public Map<String, String> kafkaOverrides() {
    return kafkaOverrides;
  }

  /**
   * Configuration of the Confluent wire-format serdes: the registry URL and, when set, basic auth
   * in the Confluent client's keys.
   */
  public Map<String, Object> serdeConfig() {
    Map<String, Object> serde = new LinkedHashMap<>();
    serde.put("schema.registry.url", schemaRegistryUrl());
    if (!schemaRegistryBasicAuth().isEmpty()) {
      serde.put("basic.auth.credentials.source", "USER_INFO");
      serde.put("basic.auth.user.info", schemaRegistryBasicAuth());
    }
    return serde;
  }

  /** An inclusive range of plausible values. */
  public record Bounds(double min, double max) {
    public boolean contains(double value) {
      return value >= min && value <= max;
    }
  }

  private Bounds bounds(String minKey, String maxKey) {
    double min = parsed.getDouble(minKey);
    double max = parsed.getDouble(maxKey);
    if (min >= max) {
      throw new InvalidSettingException(
          minKey, get(minKey), "must be below " + maxKey + " (" + get(maxKey) + ")");
    }
    return new Bounds(min, max);
  }

  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>(text);
    if (!schemaRegistryBasicAuth().isEmpty()) {
      shown.put(SCHEMA_REGISTRY_BASIC_AUTH, "<hidden>");
    }
    // kafka.* values may hold credentials (sasl.jaas.config): only their keys are shown.
    return "SocStreamsConfig" + shown + " kafka" + kafkaOverrides.keySet();
  }
}
