package io.socstream.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One data file the model was trained, validated or tested on, pinned by its hash.
 *
 * @param file path relative to the data root, e.g. {@code "25degC/551_Mixed1_processed.csv"}
 * @param sha256 lowercase hex SHA-256 of the file's bytes (64 characters)
 * @param rows data rows read from the file
 * @param role what the file was used for, e.g. {@code "train"}, {@code "validation"}, {@code
 *     "test"}
 */
@JsonPropertyOrder({"file", "sha256", "rows", "role"})
public record TrainingFile(
    @JsonProperty("file") String file,
    @JsonProperty("sha256") String sha256,
    @JsonProperty("rows") Long rows,
    @JsonProperty("role") String role) {}
