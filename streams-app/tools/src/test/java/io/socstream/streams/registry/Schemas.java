package io.socstream.streams.registry;

import org.apache.avro.Schema;

/** Small Avro schemas for the registry tests: a record and its compatible and breaking changes. */
final class Schemas {

  private Schemas() {}

  /** {@code Reading {id: string, value: double}}. */
  static final String V1 =
      "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"t\",\"fields\":["
          + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"value\",\"type\":\"double\"}]}";

  /** V1 plus an optional field with a default: BACKWARD compatible. */
  static final String V2_WITH_DEFAULT =
      "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"t\",\"fields\":["
          + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"value\",\"type\":\"double\"},"
          + "{\"name\":\"unit\",\"type\":\"string\",\"default\":\"V\"}]}";

  /** V1 plus a required field without default: not BACKWARD compatible with V1 or V2. */
  static final String REQUIRED_SERIAL =
      "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"t\",\"fields\":["
          + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"value\",\"type\":\"double\"},"
          + "{\"name\":\"serial\",\"type\":\"string\"}]}";

  /** An unrelated record. */
  static final String OTHER =
      "{\"type\":\"record\",\"name\":\"Other\",\"namespace\":\"t\",\"fields\":["
          + "{\"name\":\"n\",\"type\":\"int\"}]}";

  static Schema parse(String text) {
    return new Schema.Parser().parse(text);
  }
}
