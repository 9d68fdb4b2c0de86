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

  /** Feature pipeline header per battery (battery id → encoded header). */
  public static final String FEATURE_HEADER_STORE = "feature-header";

  /**
   * Feature pipeline steps (battery id + sequence → encoded step); the inference node reads pending
   * windows from it.
   */
  public static final String FEATURE_STEPS_STORE = "feature-steps";

  /**
   * Windows waiting for the model (arrival sequence → fixed-size reference to the window's steps in
   * {@link #FEATURE_STEPS_STORE}, not its features).
   */
  public static final String PENDING_WINDOWS_STORE = "pending-windows";

  /** The newest estimate per battery (battery id → SocEstimate), for interactive queries. */
  public static final String LATEST_SOC_STORE = "latest-soc";

  /** Every state store of the engine, in topology order. */
  public static final List<String> STORES =
      List.of(FEATURE_HEADER_STORE, FEATURE_STEPS_STORE, PENDING_WINDOWS_STORE, LATEST_SOC_STORE);

  /** Source node reading {@link #TELEMETRY_TOPIC}. */
  public static final String TELEMETRY_SOURCE = "telemetry-source";

  /** Validation node: refuses bad records to the dead-letter queue, re-keys by battery id. */
  public static final String VALIDATE = "validate-telemetry";

  /** Feature node: the per-battery feature pipeline; emits ready windows. */
  public static final String FEATURES = "feature-windows";

  /** Inference node: buffers windows, runs the model in batches, emits estimates. */
  public static final String INFERENCE = "soc-inference";

  /** Sink node writing {@link #SOC_TOPIC}. */
  public static final String SOC_SINK = "soc-sink";

  private TopologyNames() {}
}
