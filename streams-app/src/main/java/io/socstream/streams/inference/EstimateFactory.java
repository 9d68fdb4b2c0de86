package io.socstream.streams.inference;

import io.socstream.avro.EstimateStatus;
import io.socstream.avro.SocEstimate;
import io.socstream.core.features.FeatureWindow;
import io.socstream.streams.state.FusedSoc;
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
   * @param socRaw the model's output
   * @param fused the published soc (and the model's clamped one) for this window
   */
  public SocEstimate estimate(
      String batteryId,
      FeatureWindow w,
      float socRaw,
      FusedSoc fused,
      int batchSize,
      long producedAtMs) {
    return SocEstimate.newBuilder()
        .setBatteryId(batteryId)
        .setTimestamp(Instant.ofEpochMilli(w.endTimestampMs()))
        .setSoc(fused.soc())
        .setSocRaw(socRaw)
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
