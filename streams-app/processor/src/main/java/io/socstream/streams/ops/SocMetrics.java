package io.socstream.streams.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The engine's own meters, for the topology's processors to call. Thread-safe and cheap (one atomic
 * add per call). In Prometheus text they appear as:
 *
 * <ul>
 *   <li>{@code soc_records_in_total}: telemetry records taken in (valid or not);
 *   <li>{@code soc_estimates_out_total}: SOC estimates emitted;
 *   <li>{@code soc_dead_letters_total{reason="..."}}: records sent to the dead-letter queue, by
 *       reason (e.g. {@code LATE}, {@code OUT_OF_RANGE});
 *   <li>{@code soc_telemetry_key_mismatch_total}: telemetry records whose Kafka key is not their
 *       value's battery id (processed as the value's battery; see {@code ValidationProcessor});
 *   <li>{@code soc_inference_latency_seconds} (histogram: {@code _bucket}, {@code _count}, {@code
 *       _sum}): wall time of one model call;
 *   <li>{@code soc_inference_batch_size} (histogram, buckets 1, 2, 4 … 4096): windows per model
 *       call.
 * </ul>
 */
public final class SocMetrics {

  public static final String RECORDS_IN = "soc.records.in";
  public static final String ESTIMATES_OUT = "soc.estimates.out";
  public static final String DEAD_LETTERS = "soc.dead.letters";
  public static final String INFERENCE_LATENCY = "soc.inference.latency";
  public static final String KEY_MISMATCH = "soc.telemetry.key.mismatch";
  public static final String INFERENCE_BATCH_SIZE = "soc.inference.batch.size";

  /**
   * Key under which {@link io.socstream.streams.config.KafkaStreamsProperties} hands this instance
   * to the dead-letter exception handlers (which Kafka Streams creates from class names, so they
   * cannot be given it otherwise).
   */
  public static final String CONFIG_KEY = "soc.metrics.instance";

  /** Records over which {@link #recentDeadLetters()} gives the dead-letter share. */
  public static final int RECENT_RECORDS = 1000;

  private static final double[] BATCH_BUCKETS = {
    1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096
  };

  private final MeterRegistry registry;
  private final Counter recordsIn;
  private final Counter estimatesOut;
  private final Counter keyMismatches;
  private final Timer inferenceLatency;
  private final DistributionSummary batchSize;
  private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
  private final DeadLetterWindow recent = new DeadLetterWindow(RECENT_RECORDS);

  public SocMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.recordsIn =
        Counter.builder(RECORDS_IN)
            .description("Telemetry records taken in, valid or not")
            .register(registry);
    this.estimatesOut =
        Counter.builder(ESTIMATES_OUT).description("SOC estimates emitted").register(registry);
    this.keyMismatches =
        Counter.builder(KEY_MISMATCH)
            .description("Telemetry records whose key is not their value's battery id")
            .register(registry);
    this.inferenceLatency =
        Timer.builder(INFERENCE_LATENCY)
            .description("Wall time of one model call")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    this.batchSize =
        DistributionSummary.builder(INFERENCE_BATCH_SIZE)
            .description("Windows per model call")
            .serviceLevelObjectives(BATCH_BUCKETS)
            .register(registry);
  }

  /** Meters that record nothing: for tests and tools that have no registry. */
  public static SocMetrics noop() {
    return new SocMetrics(new CompositeMeterRegistry());
  }

  /** The instance under {@link #CONFIG_KEY} in {@code configs}, or {@link #noop()} when none. */
  public static SocMetrics from(Map<String, ?> configs) {
    Object value = configs == null ? null : configs.get(CONFIG_KEY);
    return value instanceof SocMetrics metrics ? metrics : noop();
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** One telemetry record taken in. */
  public void recordIn() {
    recordsIn.increment();
    recent.recordIn();
  }

  /** One SOC estimate emitted. */
  public void estimateOut() {
    estimatesOut.increment();
  }

  /** {@code n} SOC estimates emitted. */
  public void estimatesOut(int n) {
    estimatesOut.increment(n);
  }

  /** One telemetry record whose key is not its value's battery id. */
  public void keyMismatch() {
    keyMismatches.increment();
  }

  /** Telemetry records so far whose key was not their value's battery id. */
  public long keyMismatches() {
    return (long) keyMismatches.count();
  }

  /** One record sent to the dead-letter queue because of {@code reason}. */
  public void deadLetter(String reason) {
    String tag = reason == null || reason.isBlank() ? "UNKNOWN" : reason;
    deadLetters
        .computeIfAbsent(
            tag,
            r ->
                Counter.builder(DEAD_LETTERS)
                    .description("Records sent to the dead-letter queue, by reason")
                    .tag("reason", r)
                    .register(registry))
        .increment();
    recent.deadLetter();
  }

  /** The share of dead letters among the last {@value #RECENT_RECORDS} records taken in. */
  public DeadLetterWindow recentDeadLetters() {
    return recent;
  }

  /** One model call over {@code batchSize} windows that took {@code nanos}. */
  public void inference(int batchSize, long nanos) {
    this.batchSize.record(batchSize);
    inferenceLatency.record(nanos, TimeUnit.NANOSECONDS);
  }
}
