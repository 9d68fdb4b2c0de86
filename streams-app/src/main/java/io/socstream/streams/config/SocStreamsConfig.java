package io.socstream.streams.config;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.PackLayout;
import io.socstream.core.inference.RunnerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The engine's typed settings.
 *
 * <p>Sources, later ones win: the defaults below, a properties file, then environment variables.
 * The environment variable of a key is the key upper-cased with dots and dashes turned into
 * underscores ({@code SOC_BATCH_SIZE} overrides {@code soc.batch.size}). {@code ${user.home}} in a
 * value is replaced by the user's home directory. Keys starting with {@code kafka.} are handed,
 * without that prefix, to Kafka Streams as they are (e.g. {@code kafka.commit.interval.ms}).
 *
 * <p>Every setting is documented (what, unit, default) here and in the shipped {@code
 * soc-stream.example.properties}. A value that does not parse or is out of range fails with an
 * {@link InvalidSettingException} naming the setting and the value.
 */
public final class SocStreamsConfig {

  /** Kafka bootstrap servers, {@code host:port[,host:port...]}. Default {@code localhost:9092}. */
  public static final String BOOTSTRAP_SERVERS = "soc.bootstrap.servers";

  /**
   * Kafka Streams application id: consumer group and prefix of the internal topics. Default {@code
   * soc-stream}.
   */
  public static final String APPLICATION_ID = "soc.application.id";

  /**
   * Schema Registry URL ({@code http(s)://host:port}, or {@code mock://scope} for an in-memory
   * registry in tests). Default {@code http://localhost:8081}.
   */
  public static final String SCHEMA_REGISTRY_URL = "soc.schema.registry.url";

  /**
   * Schema Registry basic auth as {@code user:password}; empty = no authentication. Default empty.
   */
  public static final String SCHEMA_REGISTRY_BASIC_AUTH =
      "soc.schema.registry.basic.auth.user.info";

  /** Input topic (Avro Telemetry). Default {@code battery.telemetry}. */
  public static final String TELEMETRY_TOPIC = "soc.topic.telemetry";

  /** Output topic (Avro SocEstimate, keyed by battery id). Default {@code battery.soc}. */
  public static final String SOC_TOPIC = "soc.topic.soc";

  /** Dead-letter topic (Avro DeadLetter). Default {@code battery.telemetry.dlq}. */
  public static final String DLQ_TOPIC = "soc.topic.dlq";

  /**
   * Directory of the TensorFlow SavedModel, with its {@code model-card.json}; empty = the model
   * shipped with the repository ({@link io.socstream.core.model.ShippedModel}). Default empty.
   */
  public static final String MODEL_DIR = "soc.model.dir";

  /**
   * Directory of the local state stores (RocksDB). Not under /tmp, which may be wiped on reboot and
   * would force a full restore from the changelogs. Default {@code ${user.home}/.soc-stream/state}.
   */
  public static final String STATE_DIR = "soc.state.dir";

  /** Kafka Streams threads in this instance (count, ≥ 1). Default 1. */
  public static final String STREAM_THREADS = "soc.stream.threads";

  /**
   * {@code exactly_once_v2} (default: estimates, state and input offsets commit atomically) or
   * {@code at_least_once}.
   */
  public static final String PROCESSING_GUARANTEE = "soc.processing.guarantee";

  /** B: most windows per model call (count, 1..4096). Default 64. */
  public static final String BATCH_SIZE = "soc.batch.size";

  /**
   * L: how long a window may wait for a full batch, wall-clock milliseconds (≥ 0); 0 = run the
   * model after every input record. Default 50.
   */
  public static final String LINGER_MS = "soc.linger.ms";

  /** k: estimate every k-th window of a battery (count, ≥ 1; 1 = every sample). Default 1. */
  public static final String EMIT_EVERY = "soc.emit.every";

  /**
   * How far (event-time milliseconds, ≥ 0) a sample may be older than its battery's newest sample
   * and still only be dropped and counted; older ones go to the dead-letter queue as LATE. Default
   * 5000.
   */
  public static final String OUT_OF_ORDER_TOLERANCE_MS = "soc.out.of.order.tolerance.ms";

  /**
   * How far (milliseconds, ≥ 0) a measurement time may lie ahead of both the record's Kafka
   * timestamp and the wall clock before it goes to the dead-letter queue as FUTURE_TIMESTAMP.
   * Default 60000.
   */
  public static final String FUTURE_TOLERANCE_MS = "soc.future.tolerance.ms";

  /** Lowest plausible voltage, volts. Default 0. */
  public static final String VOLTAGE_MIN = "soc.bounds.voltage.min";

  /** Highest plausible voltage, volts. Default 5 (one Li-ion cell). */
  public static final String VOLTAGE_MAX = "soc.bounds.voltage.max";

  /** Lowest plausible current, amperes (negative = discharge). Default -100. */
  public static final String CURRENT_MIN = "soc.bounds.current.min";

  /** Highest plausible current, amperes. Default 100. */
  public static final String CURRENT_MAX = "soc.bounds.current.max";

  /** Lowest plausible temperature, degrees Celsius. Default -40. */
  public static final String TEMPERATURE_MIN = "soc.bounds.temperature.min";

  /** Highest plausible temperature, degrees Celsius. Default 85. */
  public static final String TEMPERATURE_MAX = "soc.bounds.temperature.max";

  /**
   * Re-key telemetry by battery id through the repartition topic ({@code true}, default); {@code
   * false} only when producers already key by battery id with the default partitioner.
   */
  public static final String REPARTITION = "soc.repartition.enabled";

  /**
   * TensorFlow threads per model call, for its intra-op and inter-op pools (count, ≥ 0; 0 =
   * TensorFlow's choice: all cores). Default 1: the model's ops are too small to gain from
   * splitting (10 against 17 µs per window at batch 256 on 2 cores), and each stream thread already
   * calls the model on its own.
   */
  public static final String INFERENCE_THREADS = "soc.inference.threads";

  /**
   * Window length T the stream must serve (steps); empty = whatever the model card says. Set it to
   * make start-up fail when a different model is deployed. Default empty.
   */
  public static final String FEATURES_WINDOW_LENGTH = "soc.features.window.length";

  /**
   * Averaging horizons the stream must serve, seconds, comma-separated (e.g. {@code 500}); empty =
   * the model card's. Default empty.
   */
  public static final String FEATURES_HORIZONS_S = "soc.features.horizons.s";

  /**
   * Longest gap between two samples before the warm-up restarts, milliseconds; empty = the model
   * card's. Default empty.
   */
  public static final String FEATURES_MAX_GAP_MS = "soc.features.max.gap.ms";

  /**
   * Port of the ops HTTP endpoint ({@code /metrics}, {@code /health}, {@code /batteries/{id}/soc})
   * of {@code soc run}: 0 = a free port, -1 = no endpoint. {@code --ops-port} overrides it. Default
   * 8080.
   */
  public static final String OPS_PORT = "soc.ops.port";

  /**
   * Address the ops HTTP endpoint listens on ({@code 0.0.0.0} = every interface, {@code 127.0.0.1}
   * = this host only). Default {@code 0.0.0.0}.
   */
  public static final String OPS_HOST = "soc.ops.host";

  /**
   * Cells in series in the pack whose telemetry arrives (count, ≥ 1): the model estimates ONE cell,
   * so the voltage is divided by this before validation and the model. Default 1 (cell telemetry).
   */
  public static final String PACK_SERIES = "soc.pack.series";

  /**
   * Cells in parallel in the pack whose telemetry arrives (count, ≥ 1): the current is divided by
   * this before validation and the model. Default 1 (cell telemetry).
   */
  public static final String PACK_PARALLEL = "soc.pack.parallel";

  /**
   * {@code soc run} creates the telemetry, SOC and dead-letter topics when they are missing ({@code
   * true}, default), with {@code retention.ms=-1}; {@code false}: a missing topic stops start-up.
   */
  public static final String TOPICS_CREATE = "soc.topics.create";

  /** Partitions of the topics {@code soc run} creates (count, 1..10000). Default 6. */
  public static final String TOPICS_PARTITIONS = "soc.topics.partitions";

  /** Replication factor of the topics {@code soc run} creates (1..32767). Default 1. */
  public static final String TOPICS_REPLICATION = "soc.topics.replication";

  /**
   * Highest share of dead letters among the last 1,000 records taken in (0..1) before {@code
   * /health/ready} answers 503. Default 0.5.
   */
  public static final String HEALTH_MAX_DLQ_RATIO = "soc.health.max.dlq.ratio";

  /**
   * Static group membership id of this instance ({@code group.instance.id}, with {@code -<thread>}
   * appended per stream thread): a restarted instance with the same id takes its partitions back at
   * once instead of waiting for the session timeout. Empty (default) = {@code <host>-<hash of the
   * state directory>} ({@link DefaultInstanceId}): stable across restarts; two instances on one
   * host differ because they need different state directories.
   */
  public static final String INSTANCE_ID = "soc.instance.id";

  /** Prefix of settings handed to Kafka Streams as they are, without the prefix. */
  public static final String KAFKA_PREFIX = "kafka.";

  private static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(BOOTSTRAP_SERVERS, "localhost:9092");
    d.put(APPLICATION_ID, "soc-stream");
    d.put(SCHEMA_REGISTRY_URL, "http://localhost:8081");
    d.put(SCHEMA_REGISTRY_BASIC_AUTH, "");
    d.put(TELEMETRY_TOPIC, "battery.telemetry");
    d.put(SOC_TOPIC, "battery.soc");
    d.put(DLQ_TOPIC, "battery.telemetry.dlq");
    d.put(MODEL_DIR, "");
    d.put(STATE_DIR, "${user.home}/.soc-stream/state");
    d.put(STREAM_THREADS, "1");
    d.put(PROCESSING_GUARANTEE, "exactly_once_v2");
    d.put(BATCH_SIZE, "64");
    d.put(LINGER_MS, "50");
    d.put(EMIT_EVERY, "1");
    d.put(OUT_OF_ORDER_TOLERANCE_MS, "5000");
    d.put(FUTURE_TOLERANCE_MS, "60000");
    d.put(VOLTAGE_MIN, "0");
    d.put(VOLTAGE_MAX, "5");
    d.put(CURRENT_MIN, "-100");
    d.put(CURRENT_MAX, "100");
    d.put(TEMPERATURE_MIN, "-40");
    d.put(TEMPERATURE_MAX, "85");
    d.put(REPARTITION, "true");
    d.put(INFERENCE_THREADS, "1");
    d.put(FEATURES_WINDOW_LENGTH, "");
    d.put(FEATURES_HORIZONS_S, "");
    d.put(FEATURES_MAX_GAP_MS, "");
    d.put(OPS_PORT, "8080");
    d.put(OPS_HOST, "0.0.0.0");
    d.put(PACK_SERIES, "1");
    d.put(PACK_PARALLEL, "1");
    d.put(TOPICS_CREATE, "true");
    d.put(TOPICS_PARTITIONS, "6");
    d.put(TOPICS_REPLICATION, "1");
    d.put(HEALTH_MAX_DLQ_RATIO, "0.5");
    d.put(INSTANCE_ID, "");
    return Collections.unmodifiableMap(d);
  }

  private static final List<String> GUARANTEES = List.of("exactly_once_v2", "at_least_once");

  private final Map<String, String> values;
  private final Map<String, String> kafkaOverrides;

  private final int streamThreads;
  private final int batchSize;
  private final long lingerMs;
  private final int emitEvery;
  private final long outOfOrderToleranceMs;
  private final long futureToleranceMs;
  private final Bounds voltage;
  private final Bounds current;
  private final Bounds temperature;
  private final boolean repartition;
  private final int inferenceThreads;
  private final Integer featuresWindowLength;
  private final List<Integer> featuresHorizons;
  private final Long featuresMaxGapMs;
  private final int opsPort;
  private final PackLayout packLayout;
  private final boolean topicsCreate;
  private final int topicsPartitions;
  private final short topicsReplication;
  private final double healthMaxDlqRatio;
  private final String instanceId;

  private SocStreamsConfig(Map<String, String> values, Map<String, String> kafkaOverrides) {
    this.values = Collections.unmodifiableMap(values);
    this.kafkaOverrides = Collections.unmodifiableMap(kafkaOverrides);
    for (String key : List.of(BOOTSTRAP_SERVERS, APPLICATION_ID, SCHEMA_REGISTRY_URL)) {
      requireNonBlank(key);
    }
    for (String key : List.of(TELEMETRY_TOPIC, SOC_TOPIC, DLQ_TOPIC)) {
      requireTopicName(key);
    }
    requireNonBlank(STATE_DIR);
    String guarantee = get(PROCESSING_GUARANTEE);
    if (!GUARANTEES.contains(guarantee)) {
      throw new InvalidSettingException(
          PROCESSING_GUARANTEE, guarantee, "expected one of " + GUARANTEES);
    }
    String auth = get(SCHEMA_REGISTRY_BASIC_AUTH);
    if (!auth.isEmpty() && !auth.contains(":")) {
      throw new InvalidSettingException(
          SCHEMA_REGISTRY_BASIC_AUTH, "<hidden>", "expected user:password or empty");
    }
    this.streamThreads = parse(STREAM_THREADS, Integer::parseInt, 1, 1024);
    this.batchSize = parse(BATCH_SIZE, Integer::parseInt, 1, 4096);
    this.lingerMs = parse(LINGER_MS, Long::parseLong, 0L, 3_600_000L);
    this.emitEvery = parse(EMIT_EVERY, Integer::parseInt, 1, 1_000_000);
    this.outOfOrderToleranceMs =
        parse(OUT_OF_ORDER_TOLERANCE_MS, Long::parseLong, 0L, Long.MAX_VALUE);
    this.futureToleranceMs = parse(FUTURE_TOLERANCE_MS, Long::parseLong, 0L, Long.MAX_VALUE);
    this.voltage = bounds(VOLTAGE_MIN, VOLTAGE_MAX);
    this.current = bounds(CURRENT_MIN, CURRENT_MAX);
    this.temperature = bounds(TEMPERATURE_MIN, TEMPERATURE_MAX);
    this.repartition = parseBoolean(REPARTITION);
    this.inferenceThreads = parse(INFERENCE_THREADS, Integer::parseInt, 0, 1024);
    this.featuresWindowLength =
        get(FEATURES_WINDOW_LENGTH).isEmpty()
            ? null
            : parse(FEATURES_WINDOW_LENGTH, Integer::parseInt, 1, 100_000);
    this.featuresMaxGapMs =
        get(FEATURES_MAX_GAP_MS).isEmpty()
            ? null
            : parse(FEATURES_MAX_GAP_MS, Long::parseLong, 1L, Long.MAX_VALUE);
    this.featuresHorizons = parseHorizons();
    this.opsPort = parse(OPS_PORT, Integer::parseInt, -1, 65535);
    requireNonBlank(OPS_HOST);
    this.packLayout =
        new PackLayout(
            parse(PACK_SERIES, Integer::parseInt, 1, 100_000),
            parse(PACK_PARALLEL, Integer::parseInt, 1, 100_000));
    this.topicsCreate = parseBoolean(TOPICS_CREATE);
    this.topicsPartitions = parse(TOPICS_PARTITIONS, Integer::parseInt, 1, 10_000);
    this.topicsReplication =
        parse(TOPICS_REPLICATION, Integer::parseInt, 1, (int) Short.MAX_VALUE).shortValue();
    this.healthMaxDlqRatio = parseDouble(HEALTH_MAX_DLQ_RATIO);
    if (healthMaxDlqRatio < 0 || healthMaxDlqRatio > 1) {
      throw new InvalidSettingException(
          HEALTH_MAX_DLQ_RATIO, get(HEALTH_MAX_DLQ_RATIO), "must be between 0 and 1");
    }
    this.instanceId = resolveInstanceId();
    if (kafkaOverrides.containsKey("application.id")
        || kafkaOverrides.containsKey("bootstrap.servers")) {
      throw new InvalidSettingException(
          KAFKA_PREFIX + "application.id/bootstrap.servers",
          "set",
          "use " + APPLICATION_ID + " / " + BOOTSTRAP_SERVERS + " instead");
    }
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
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    Map<String, String> kafka = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : explicit.entrySet()) {
      String key = e.getKey().trim();
      if (key.startsWith(KAFKA_PREFIX)) {
        kafka.put(key.substring(KAFKA_PREFIX.length()), e.getValue().trim());
      } else if (DEFAULTS.containsKey(key)) {
        values.put(key, e.getValue().trim());
      } else {
        throw new InvalidSettingException(
            key, e.getValue(), "unknown setting (known: " + DEFAULTS.keySet() + ", kafka.*)");
      }
    }
    for (String key : DEFAULTS.keySet()) {
      String fromEnv = environment.get(environmentName(key));
      if (fromEnv != null) {
        values.put(key, fromEnv.trim());
      }
    }
    String home = System.getProperty("user.home");
    values.replaceAll((k, v) -> v.replace("${user.home}", home));
    return new SocStreamsConfig(values, kafka);
  }

  /**
   * The environment variable that overrides {@code key}: {@code soc.batch.size → SOC_BATCH_SIZE}.
   */
  public static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Every known key with its default, in documentation order. */
  public static Map<String, String> defaultValues() {
    return DEFAULTS;
  }

  /** The resolved value of {@code key} as a string. */
  public String get(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("Unknown setting " + key);
    }
    return value;
  }

  public String bootstrapServers() {
    return get(BOOTSTRAP_SERVERS);
  }

  public String applicationId() {
    return get(APPLICATION_ID);
  }

  public String schemaRegistryUrl() {
    return get(SCHEMA_REGISTRY_URL);
  }

  /** {@code user:password}, or empty when the registry needs no authentication. */
  public String schemaRegistryBasicAuth() {
    return get(SCHEMA_REGISTRY_BASIC_AUTH);
  }

  public String telemetryTopic() {
    return get(TELEMETRY_TOPIC);
  }

  public String socTopic() {
    return get(SOC_TOPIC);
  }

  public String dlqTopic() {
    return get(DLQ_TOPIC);
  }

  /** The model directory set by {@link #MODEL_DIR}; empty = use the shipped model. */
  public Optional<Path> modelDir() {
    String dir = get(MODEL_DIR);
    return dir.isEmpty() ? Optional.empty() : Optional.of(Path.of(dir));
  }

  public Path stateDir() {
    return Path.of(get(STATE_DIR));
  }

  public int streamThreads() {
    return streamThreads;
  }

  public String processingGuarantee() {
    return get(PROCESSING_GUARANTEE);
  }

  public int batchSize() {
    return batchSize;
  }

  public long lingerMs() {
    return lingerMs;
  }

  public int emitEvery() {
    return emitEvery;
  }

  public long outOfOrderToleranceMs() {
    return outOfOrderToleranceMs;
  }

  public long futureToleranceMs() {
    return futureToleranceMs;
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
    return repartition;
  }

  public int inferenceThreads() {
    return inferenceThreads;
  }

  /** TensorFlow's thread pools for the model: {@link #inferenceThreads()} in both. */
  public RunnerOptions runnerOptions() {
    return new RunnerOptions(inferenceThreads, inferenceThreads);
  }

  /** The ops endpoint's port: 0 = a free one, -1 = none. */
  public int opsPort() {
    return opsPort;
  }

  public String opsHost() {
    return get(OPS_HOST);
  }

  /** Whether {@code soc run} creates missing topics. */
  public boolean topicsCreate() {
    return topicsCreate;
  }

  /** Partitions of the topics {@code soc run} creates. */
  public int topicsPartitions() {
    return topicsPartitions;
  }

  /** Replication factor of the topics {@code soc run} creates. */
  public short topicsReplication() {
    return topicsReplication;
  }

  /** Highest dead-letter share of the recent input before the instance is not ready. */
  public double healthMaxDlqRatio() {
    return healthMaxDlqRatio;
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
    try {
      return new FeatureSpec(
          featuresWindowLength != null ? featuresWindowLength : cardSpec.windowLength(),
          featuresHorizons != null ? featuresHorizons : cardSpec.averagingHorizonsSeconds(),
          featuresMaxGapMs != null ? featuresMaxGapMs : cardSpec.maxGapMs(),
          cardSpec.blockSeconds(),
          cardSpec.deltaTimeFeature());
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(
          FEATURES_HORIZONS_S, get(FEATURES_HORIZONS_S), e.getMessage());
    }
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

  private String resolveInstanceId() {
    String id = get(INSTANCE_ID);
    if (id.isEmpty()) {
      return DefaultInstanceId.of(stateDir());
    }
    if (!id.matches("[a-zA-Z0-9._-]{1,200}")) {
      throw new InvalidSettingException(
          INSTANCE_ID, id, "use 1 to 200 letters, digits, '.', '_' or '-'");
    }
    return id;
  }

  private void requireNonBlank(String key) {
    if (get(key).isBlank()) {
      throw new InvalidSettingException(key, get(key), "must not be empty");
    }
  }

  private void requireTopicName(String key) {
    String topic = get(key);
    if (!topic.matches("[a-zA-Z0-9._-]{1,249}") || topic.equals(".") || topic.equals("..")) {
      throw new InvalidSettingException(key, topic, "not a legal Kafka topic name");
    }
  }

  private <N extends Comparable<N>> N parse(String key, Function<String, N> parser, N min, N max) {
    String raw = get(key);
    N value;
    try {
      value = parser.apply(raw);
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(key, raw, "not a whole number");
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new InvalidSettingException(key, raw, "must be between " + min + " and " + max);
    }
    return value;
  }

  private List<Integer> parseHorizons() {
    String raw = get(FEATURES_HORIZONS_S);
    if (raw.isEmpty()) {
      return null;
    }
    List<Integer> horizons = new java.util.ArrayList<>();
    int previous = 0;
    for (String part : raw.split(",")) {
      int horizon;
      try {
        horizon = Integer.parseInt(part.trim());
      } catch (NumberFormatException e) {
        throw new InvalidSettingException(
            FEATURES_HORIZONS_S, raw, "expected seconds, comma-separated");
      }
      if (horizon <= previous) {
        throw new InvalidSettingException(
            FEATURES_HORIZONS_S, raw, "horizons must be positive and strictly increasing");
      }
      horizons.add(horizon);
      previous = horizon;
    }
    return List.copyOf(horizons);
  }

  private boolean parseBoolean(String key) {
    String raw = get(key);
    if (raw.equalsIgnoreCase("true")) {
      return true;
    }
    if (raw.equalsIgnoreCase("false")) {
      return false;
    }
    throw new InvalidSettingException(key, raw, "expected true or false");
  }

  private double parseDouble(String key) {
    String raw = get(key);
    try {
      double value = Double.parseDouble(raw);
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidSettingException(key, raw, "not a finite number");
  }

  private Bounds bounds(String minKey, String maxKey) {
    double min = parseDouble(minKey);
    double max = parseDouble(maxKey);
    if (min >= max) {
      throw new InvalidSettingException(
          minKey, get(minKey), "must be below " + maxKey + " (" + get(maxKey) + ")");
    }
    return new Bounds(min, max);
  }

  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>(values);
    if (!schemaRegistryBasicAuth().isEmpty()) {
      shown.put(SCHEMA_REGISTRY_BASIC_AUTH, "<hidden>");
    }
    // kafka.* values may hold credentials (sasl.jaas.config): only their keys are shown.
    return "SocStreamsConfig" + shown + " kafka" + kafkaOverrides.keySet();
  }
}
