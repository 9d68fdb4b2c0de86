package io.socstream.streams.state;

/**
 * What {@link BatteryEstimator#fuse} gives for one window: the estimate to publish and the model's
 * own (clamped) estimate. Stand-in for the core's {@code FusedSoc} (DESIGN.md section 2).
 *
 * @param soc the published state of charge, fraction 0..1
 * @param modelSoc the model's output clamped to 0..1
 */
public record FusedSoc(double soc, double modelSoc) {}
