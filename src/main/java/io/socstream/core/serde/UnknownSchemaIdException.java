package io.socstream.core.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A payload names a schema id the registry does not know. Its own type so that a dead-letter
 * handler can tell it apart from corrupt bytes.
 */
public class UnknownSchemaIdException extends SerializationException {

  private static final long serialVersionUID = 1L;

  private final int schemaId;

  public UnknownSchemaIdException(int schemaId, String registryUrl, Throwable cause) {
    super(
        String.format(
            "Unknown schema id %d: not found in schema registry %s", schemaId, registryUrl),
        cause);
    this.schemaId = schemaId;
  }

  public int schemaId() {
    return schemaId;
  }
}
