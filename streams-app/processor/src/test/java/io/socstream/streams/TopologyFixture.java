package io.socstream.streams;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socstream.avro.DeadLetter;
import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.core.inference.SocModel;
import io.socstream.core.serde.MockSchemaRegistry;
import io.socstream.streams.config.KafkaStreamsProperties;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.ops.SocMetrics;
import io.socstream.streams.state.BatteryState;
import io.socstream.streams.state.BatteryStateCodec;
import io.socstream.streams.state.LatestEstimateCodec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A {@link TopologyTestDriver} on the real topology with the real exception handlers, an in-memory
 * schema registry of its own, and a fixed start of the wall clock.
 */
public final class TopologyFixture implements AutoCloseable {

  /** Wall clock at the driver's start; measurement times in the tests lie before it. */
  public static final Instant WALL_CLOCK = Instant.parse("2026-01-01T00:00:00Z");

  /** Measurement time of the tests' first sample. */
  public static final long T0 = Instant.parse("2025-12-31T12:00:00Z").toEpochMilli();

  public final SocStreamsConfig config;
  public final TopologyTestDriver driver;
  public final TestInputTopic<byte[], Telemetry> telemetry;
  public final TestInputTopic<byte[], byte[]> rawTelemetry;
  public final TestOutputTopic<String, SocEstimate> soc;
  public final TestOutputTopic<byte[], DeadLetter> dlq;
  public final Serde<Telemetry> telemetrySerde;

  /** The engine's meters, wired into the processors and the exception handlers. */
  public final SocMetrics metrics = new SocMetrics(new SimpleMeterRegistry());

  private final String scope;
  private final BatteryStateCodec codec;

  private TopologyFixture(SocStreamsConfig config, SocModel model, String scope) {
    this.config = config;
    this.scope = scope;
    this.codec = new BatteryStateCodec(model.featureSpec(), model.fusionParameters());
    Properties props = KafkaStreamsProperties.of(config, metrics);
    driver =
        new TopologyTestDriver(
            SocTopology.buildTopology(config, model, metrics), props, WALL_CLOCK);
    Map<String, Object> serde = config.serdeConfig();
    telemetrySerde = AvroSerdes.telemetry(serde);
    telemetry =
        driver.createInputTopic(
            config.telemetryTopic(), new ByteArraySerializer(), telemetrySerde.serializer());
    rawTelemetry =
        driver.createInputTopic(
            config.telemetryTopic(), new ByteArraySerializer(), new ByteArraySerializer());
    soc =
        driver.createOutputTopic(
            config.socTopic(),
            new StringDeserializer(),
            AvroSerdes.socEstimate(serde).deserializer());
    dlq =
        driver.createOutputTopic(
            config.dlqTopic(),
            new ByteArrayDeserializer(),
            AvroSerdes.deadLetter(serde).deserializer());
  }

  /** The tiny model, a fresh registry scope and state dir, and {@code settings} over defaults. */
  public static TopologyFixture start(Path stateDir, Map<String, String> settings) {
    return start(stateDir, settings, TestModels.tiny(), "t-" + UUID.randomUUID());
  }

  /** As {@link #start(Path, Map)} on a given registry scope (to reopen on the same registry). */
  public static TopologyFixture start(
      Path stateDir, Map<String, String> settings, SocModel model, String scope) {
    Map<String, String> all = new HashMap<>();
    all.put(SocStreamsConfig.SCHEMA_REGISTRY_URL, MockSchemaRegistry.URL_PREFIX + scope);
    all.put(SocStreamsConfig.STATE_DIR, stateDir.toString());
    all.put(SocStreamsConfig.APPLICATION_ID, "soc-test");
    all.put(SocStreamsConfig.LINGER_MS, "0");
    all.putAll(settings);
    return new TopologyFixture(SocStreamsConfig.of(all), model, scope);
  }

  public String scope() {
    return scope;
  }

  /** Telemetry of {@code battery} at {@code t} ms with V, I, T. */
  public static Telemetry sample(String battery, long t, double v, double i, double temp) {
    return Telemetry.newBuilder()
        .setBatteryId(battery)
        .setTimestamp(Instant.ofEpochMilli(t))
        .setVoltageV(v)
        .setCurrentA(i)
        .setTemperatureC(temp)
        .build();
  }

  /**
   * A sample of {@code battery}, step {@code n} at 1 s spacing from T0. Values sit near the tiny
   * model card's normalisation means (3.7 / -1.5 alternating), so its sigmoid does not saturate and
   * different inputs give visibly different estimates.
   */
  public static Telemetry step(String battery, int n) {
    double phase = Math.floorMod(battery.hashCode(), 7);
    return sample(
        battery,
        T0 + 1000L * n,
        3.75 - 0.005 * n + 0.01 * phase,
        3.7 + 0.3 * Math.sin(n + phase),
        3.7 + 0.02 * (n % 5));
  }

  /** Pipes {@code t} keyed by its battery id, Kafka timestamp = measurement time. */
  public void pipe(Telemetry t) {
    telemetry.pipeInput(
        new TestRecord<>(
            t.getBatteryId().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            t,
            t.getTimestamp()));
  }

  /** The battery's value in the state store, decoded; null when the store has none. */
  public BatteryState state(String battery) {
    byte[] stored = stateStore().get(battery);
    return stored == null ? null : codec.decode(stored);
  }

  /** The newest estimate kept for the ops endpoint, or null. */
  public SocEstimate latestEstimate(String battery) {
    byte[] stored = stateStore().get(battery);
    byte[] latest = stored == null ? null : BatteryStateCodec.latestEstimate(stored);
    return latest == null ? null : LatestEstimateCodec.decode(battery, latest);
  }

  /** Batteries whose window waits for the model, per the store. */
  public List<String> pendingBatteries() {
    List<String> out = new java.util.ArrayList<>();
    try (var it = stateStore().all()) {
      while (it.hasNext()) {
        var entry = it.next();
        if (BatteryStateCodec.isPending(entry.value)) {
          out.add(entry.key);
        }
      }
    }
    return out;
  }

  public KeyValueStore<String, byte[]> stateStore() {
    return driver.getKeyValueStore(TopologyNames.BATTERY_STATE_STORE);
  }

  public List<SocEstimate> estimates() {
    return soc.readValuesToList();
  }

  public List<DeadLetter> deadLetters() {
    return dlq.readValuesToList();
  }

  @Override
  public void close() {
    driver.close();
    MockSchemaRegistry.dropScope(scope);
  }

  /** Closes the driver but keeps the registry scope. */
  public void closeDriverOnly() {
    driver.close();
  }
}
