package io.socstream.streams.inference;

import io.socstream.avro.EstimateStatus;
import io.socstream.avro.SocEstimate;
import java.time.Instant;

/** Turns a model output for one pending window into a {@link SocEstimate}. */
final class EstimateFactory {

  private final String modelVersion;
  private final int windowLength;
  private final long warmupHorizonMs;

  EstimateFactory(String modelVersion, int windowLength, long warmupHorizonMs) {
    this.modelVersion = modelVersion;
    this.windowLength = windowLength;
    this.warmupHorizonMs = warmupHorizonMs;
  }

  SocEstimate estimate(PendingWindow w, float socRaw, int batchSize, long producedAtMs) {
    return SocEstimate.newBuilder()
        .setBatteryId(w.batteryId())
        .setTimestamp(Instant.ofEpochMilli(w.endTimestampMs()))
        .setSoc(clamp(socRaw))
        .setSocRaw(socRaw)
        .setStatus(w.warmingUp() ? EstimateStatus.WARMING_UP : EstimateStatus.OK)
        .setModelVersion(modelVersion)
        .setWindowStart(Instant.ofEpochMilli(w.startTimestampMs()))
        .setWindowEnd(Instant.ofEpochMilli(w.endTimestampMs()))
        .setSamplesUsed(windowLength)
        .setSegmentSamples(w.segmentSamples())
        .setWarmupHorizonMs(warmupHorizonMs)
        .setInferenceBatchSize(batchSize)
        .setProducedAt(Instant.ofEpochMilli(producedAtMs))
        .build();
  }

  /** Into [0, 1]; a non-finite model output stays as it is, so it is visible downstream. */
  static double clamp(double soc) {
    return Double.isNaN(soc) ? soc : Math.max(0.0, Math.min(1.0, soc));
  }
}
