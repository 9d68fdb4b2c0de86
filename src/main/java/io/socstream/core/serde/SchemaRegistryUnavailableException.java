package io.socstream.core.serde;

import org.apache.kafka.common.errors.RetriableException;

/**
 * The schema registry did not answer for longer than the deserializer may wait. Not a {@code
 * SerializationException}: the record is not known to be bad, so it must never be dead-lettered;
 * the caller should stop and retry the same record later (in Kafka Streams: fail the stream thread
 * and let it be replaced, which resumes from the last commit).
 */
public class SchemaRegistryUnavailableException extends RetriableException {

  private static final long serialVersionUID = 1L;

  public SchemaRegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
