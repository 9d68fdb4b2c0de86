/**
 * The model card: the contract between a trained SOC model and the code that feeds it.
 *
 * <p>{@link io.socstream.core.model.ModelCard} is stored as {@code model-card.json} inside the
 * SavedModel directory. It pins the feature contract ({@link
 * io.socstream.core.features.FeatureSpec} values and feature names), the normalisation constants,
 * the serving signature and the provenance of the model. Reading a card validates it and reports
 * every problem at once.
 */
package io.socstream.core.model;
