package io.socstream.streams.inference;

import io.socstream.avro.EstimateStatus;
import io.socstream.avro.SocEstimate;
import io.socstream.core.estimate.FusedSoc;
import io.socstream.core.features.FeatureWindow;
import java.time.Instant;

/** Turns a model output for one battery's window into a {@link SocEstimate}. */
public final class EstimateFactory {

  private final String modelVersion;
  private final long warmupHorizonMs;

  public EstimateFactory(String modelVersion, long warmupHorizonMs) {
    this.modelVersion = modelVersion;
    this.warmupHorizonMs = warmupHorizonMs;
  }

  /**
   * @param fused the window's fused soc (published as {@code soc}), the model's clamped estimate
   *     ({@code model_soc}) and raw output ({@code soc_raw})
   */
  public SocEstimate estimate(
      String batteryId, FeatureWindow w, FusedSoc fused, int batchSize, long producedAtMs) {
    return estimate(batteryId, w, fused, batchSize, producedAtMs, modelVersion);
  }

  /** As above, made by {@code modelVersion} (the model that ran this batch). */
  public SocEstimate estimate(
      String batteryId,
      FeatureWindow w,
      FusedSoc fused,
      int batchSize,
      long producedAtMs,
      String modelVersion) {
    return SocEstimate.newBuilder()
        .setBatteryId(batteryId)
        .setTimestamp(Instant.ofEpochMilli(w.endTimestampMs()))
        .setSoc(fused.soc())
        .setSocRaw(fused.modelOutput())
        .setModelSoc(fused.modelSoc())
        .setStatus(w.warmingUp() ? EstimateStatus.WARMING_UP : EstimateStatus.OK)
        .setModelVersion(modelVersion)
        .setWindowStart(Instant.ofEpochMilli(w.startTimestampMs()))
        .setWindowEnd(Instant.ofEpochMilli(w.endTimestampMs()))
        .setSamplesUsed(w.length())
        .setSegmentSamples(w.segmentSamples())
        .setWarmupHorizonMs(warmupHorizonMs)
        .setInferenceBatchSize(batchSize)
        .setProducedAt(Instant.ofEpochMilli(producedAtMs))
        .build();
  }
}
