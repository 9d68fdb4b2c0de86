/**
 * Running and writing SOC models as TensorFlow SavedModels.
 *
 * <p>{@link io.socstream.core.inference.SavedModelRunner} loads a model directory, checks it
 * against its card and predicts SOC for batches of normalised windows; {@link
 * io.socstream.core.inference.SavedModelWriter} writes such a directory from a live session.
 *
 * <p>{@link io.socstream.core.inference.SocModel} is the one model interface that training
 * evaluation, {@code ./soc predict} and the streams app share, {@link
 * io.socstream.core.inference.SavedModelSocModel} its SavedModel adapter, and {@link
 * io.socstream.core.inference.SocEstimator} the offline estimation path over a recording (giving a
 * {@link io.socstream.core.inference.SocSeries}).
 */
package io.socstream.core.inference;
