package io.socstream.core.estimate;

/**
 * One estimate of one battery: the fused SOC and the model's own.
 *
 * @param soc the fused SOC (Coulomb counting corrected by the model), fraction in [0, 1]; equal to
 *     {@code modelSoc} when the model card has no {@code fusion} section
 * @param modelSoc the model's estimate clamped to [0, 1]
 * @param modelOutput the model's raw output, before clamping
 */
public record FusedSoc(double soc, double modelSoc, float modelOutput) {}
