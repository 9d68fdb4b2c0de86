package io.socstream.streams;

import java.util.List;

/**
 * Every name the estimation topology uses: default topics, the repartition topic, state stores and
 * processor nodes. Shared with the tests, so a rename shows up as a failing golden test rather than
 * an orphaned changelog in production.
 *
 * <p>Store and repartition names end up in internal topic names ({@code
 * <application.id>-<name>-changelog}, {@code <application.id>-<name>-repartition}): renaming one
 * abandons the state kept under the old name.
 */
public final class TopologyNames {

  /** Raw telemetry in (Avro {@code Telemetry}, Confluent wire format). */
  public static final String TELEMETRY_TOPIC = "battery.telemetry";

  /** SOC estimates out (Avro {@code SocEstimate}, keyed by battery id). */
  public static final String SOC_TOPIC = "battery.soc";

  /** Refused input (Avro {@code DeadLetter}, keyed by the original key bytes). */
  public static final String DLQ_TOPIC = "battery.telemetry.dlq";

  /**
   * Repartition of valid telemetry by battery id; Kafka Streams names the topic {@code
   * <application.id>-telemetry-by-battery-repartition}.
   */
  public static final String REPARTITION = "telemetry-by-battery";

  /**
   * The one state store: per battery (battery id → bytes) its estimator, held jump-ahead sample,
   * pending-window flag and newest estimate (see {@code state.BatteryStateCodec}).
   */
  public static final String BATTERY_STATE_STORE = "battery-state";

  /** Every state store of the engine, in topology order. */
  public static final List<String> STORES = List.of(BATTERY_STATE_STORE);

  /** Source node reading {@link #TELEMETRY_TOPIC}. */
  public static final String TELEMETRY_SOURCE = "telemetry-source";

  /** Validation node: refuses bad records to the dead-letter queue, re-keys by battery id. */
  public static final String VALIDATE = "validate-telemetry";

  /**
   * Estimator node: the per-battery estimator on the state store, batched model calls, estimates
   * out; refuses late samples to the dead-letter queue.
   */
  public static final String ESTIMATOR = "soc-estimator";

  /** Sink node writing {@link #SOC_TOPIC}. */
  public static final String SOC_SINK = "soc-sink";

  /** Sink of a shadow model's estimates (model rollout), to {@code soc.topic.shadow}. */
  public static final String SHADOW_SINK = "soc-shadow-sink";

  private TopologyNames() {}
}
