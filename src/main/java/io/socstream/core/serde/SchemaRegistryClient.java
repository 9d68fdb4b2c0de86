package io.socstream.core.serde;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API the serdes need. Implementations cache, so each
 * call after the first for a given schema or id is local.
 */
public interface SchemaRegistryClient {

  /**
   * Registers {@code schema} under {@code subject} (or finds it, when already there) and returns
   * its global id.
   *
   * @throws SchemaRegistryException when the registry refuses it or cannot be reached
   */
  int register(String subject, Schema schema);

  /**
   * The id of {@code schema} when it is already registered under {@code subject}; never registers.
   *
   * @throws SchemaNotFoundException when the subject does not hold this schema
   */
  int lookupId(String subject, Schema schema);

  /**
   * The schema registered with {@code id}.
   *
   * @throws SchemaNotFoundException when no schema has this id
   */
  Schema getById(int id);

  /**
   * The newest version registered under {@code subject}.
   *
   * @throws SchemaNotFoundException when the subject has no versions
   */
  RegisteredSchema latest(String subject);

  /**
   * Where this client talks to, for error messages: an http(s) base URL or {@code mock://scope}.
   */
  String url();
}
