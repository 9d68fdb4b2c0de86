package io.socstream.streams.rollout;

import io.socstream.avro.SocEstimate;
import io.socstream.core.features.FeatureWindow;
import io.socstream.core.inference.SocModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a shadow model on the windows of one primary batch and turns its outputs into shadow
 * estimates: the primary's estimates with the shadow's {@code soc}, {@code soc_raw}, {@code
 * model_soc} and {@code model_version} (the shadow is not fused: its soc is its own clamped
 * estimate). Records |primary − shadow| of each window ({@code soc_shadow_abs_diff}).
 */
public final class ShadowRun {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ShadowRun.class);

  /** Failures logged so far; a failing shadow logs its first ones only. */
  private static final java.util.concurrent.atomic.AtomicLong FAILURES =
      new java.util.concurrent.atomic.AtomicLong();

  private ShadowRun() {}

  /**
   * As {@link #estimates}, but none when {@code shadow} is null, and none (with a WARN for the
   * first few) when the shadow fails: a shadow never stops the primary's estimates.
   */
  public static List<SocEstimate> estimatesOrNone(
      SocModel shadow, FeatureWindow[] windows, List<SocEstimate> primary, RolloutMetrics metrics) {
    if (shadow == null) {
      return List.of();
    }
    try {
      return estimates(shadow, windows, primary, metrics);
    } catch (RuntimeException e) {
      if (FAILURES.incrementAndGet() <= 10) {
        LOG.warn("Shadow model {} failed on a batch: {}", shadow.modelVersion(), e.toString());
      }
      return List.of();
    }
  }

  /**
   * The shadow's estimates for {@code windows}, in order.
   *
   * @param shadow the shadow model (normalises with its own card)
   * @param windows the batch's windows, as the primary saw them
   * @param primary the primary's estimates of the same windows, same order
   */
  public static List<SocEstimate> estimates(
      SocModel shadow, FeatureWindow[] windows, List<SocEstimate> primary, RolloutMetrics metrics) {
    int b = windows.length;
    int stride = shadow.featureSpec().windowLength() * shadow.featureSpec().featureCount();
    float[] inputs = new float[b * stride];
    for (int i = 0; i < b; i++) {
      shadow.normalizeInto(windows[i], inputs, i * stride);
    }
    float[] raw = shadow.predict(inputs, b);
    if (raw.length != b) {
      throw new IllegalStateException(
          "shadow model " + shadow.modelVersion() + " returned " + raw.length + " for " + b);
    }
    String version = shadow.modelVersion();
    List<SocEstimate> out = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      SocEstimate p = primary.get(i);
      double soc = clamp(raw[i]);
      double primarySoc = p.getModelSoc() != null ? p.getModelSoc() : p.getSoc();
      metrics.shadowDifference(version, Math.abs(primarySoc - soc));
      out.add(
          SocEstimate.newBuilder(p)
              .setSoc(soc)
              .setSocRaw(raw[i])
              .setModelSoc(soc)
              .setModelVersion(version)
              .build());
    }
    return out;
  }

  private static double clamp(double soc) {
    return Double.isNaN(soc) ? soc : Math.max(0.0, Math.min(1.0, soc));
  }
}
