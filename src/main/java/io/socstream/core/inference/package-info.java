/**
 * Running and writing SOC models as TensorFlow SavedModels.
 *
 * <p>{@link io.socstream.core.inference.SavedModelRunner} loads a model directory, checks it
 * against its card and predicts SOC for batches of normalised windows; {@link
 * io.socstream.core.inference.SavedModelWriter} writes such a directory from a live session.
 */
package io.socstream.core.inference;
