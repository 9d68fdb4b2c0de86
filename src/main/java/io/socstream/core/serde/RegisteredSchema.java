package io.socstream.core.serde;

import org.apache.avro.Schema;

/**
 * One version of a subject in the registry.
 *
 * @param subject the subject, e.g. {@code telemetry-value}
 * @param version the version within the subject, from 1
 * @param id the global schema id, the one written into the wire format
 * @param schema the schema itself
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {}
