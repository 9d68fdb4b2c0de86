package io.socstream.streams.rollout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The rollout's meters. In Prometheus text:
 *
 * <ul>
 *   <li>{@code soc_model_swaps_total{role}}: published models put into service;
 *   <li>{@code soc_model_refusals_total{role}}: published models refused (feature spec differs from
 *       the pipeline's, invalid card or archive, SavedModel that does not load);
 *   <li>{@code soc_model_call_seconds{version,role}} (histogram): wall time of one model call, per
 *       model version;
 *   <li>{@code soc_shadow_abs_diff{version}} (summary: count, sum, max): |primary − shadow| per
 *       window, per shadow version (mean = sum / count).
 * </ul>
 */
public final class RolloutMetrics {

  private final MeterRegistry registry;

  public RolloutMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A model went into service as {@code role}. */
  public void swapped(ModelRole role) {
    Counter.builder("soc.model.swaps")
        .description("Published models put into service")
        .tag("role", role.key())
        .register(registry)
        .increment();
  }

  /** A published model was refused. */
  public void refused(ModelRole role) {
    Counter.builder("soc.model.refusals")
        .description("Published models refused")
        .tag("role", role.key())
        .register(registry)
        .increment();
  }

  /** Number of refusals so far for {@code role}. */
  public double refusals(ModelRole role) {
    Counter c = registry.find("soc.model.refusals").tag("role", role.key()).counter();
    return c == null ? 0 : c.count();
  }

  /** The timer of {@code version}'s model calls as {@code role}. */
  public Timer modelCalls(String version, ModelRole role) {
    return Timer.builder("soc.model.call")
        .description("Wall time of one model call, per model version")
        .tags("version", version, "role", role.key())
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
  }

  /** Records |primary − shadow| of one window for shadow {@code version}. */
  public void shadowDifference(String version, double absDifference) {
    io.micrometer.core.instrument.DistributionSummary.builder("soc.shadow.abs.diff")
        .description("|primary soc - shadow soc| per window")
        .tag("version", version)
        .register(registry)
        .record(absDifference);
  }
}
