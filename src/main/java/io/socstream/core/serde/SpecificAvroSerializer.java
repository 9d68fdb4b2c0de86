package io.socstream.core.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro specific records in the Confluent wire format, registering (or looking up) the
 * record's schema under {@code <topic>-key} / {@code <topic>-value}. Null stays null (tombstones).
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

  private SchemaRegistryClient client;
  private boolean isKey;
  private boolean autoRegisterSchemas = true;
  private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();

  /** For Kafka's reflective construction; {@link #configure} must follow. */
  public SpecificAvroSerializer() {}

  /** Uses {@code client} instead of {@code schema.registry.url}; usable without configure. */
  public SpecificAvroSerializer(SchemaRegistryClient client) {
    this.client = client;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    SerdeConfig config = SerdeConfig.parse(configs, client == null);
    this.isKey = isKey;
    this.autoRegisterSchemas = config.autoRegisterSchemas();
    if (client == null) {
      client = SchemaRegistryClients.fromUrl(config.schemaRegistryUrl(), configs);
    }
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    if (client == null) {
      throw new IllegalStateException("Serializer not configured: no schema registry client");
    }
    Schema schema = record.getSchema();
    int schemaId = schemaId(TopicNameStrategy.subject(topic, isKey), schema);
    var out = new ByteArrayOutputStream(128);
    ConfluentWireFormat.writeHeader(out, schemaId);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writers.computeIfAbsent(schema, s -> newWriter(s, record)).write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Could not encode " + schema.getFullName() + " for topic " + topic + ": " + e, e);
    }
    return out.toByteArray();
  }

  private int schemaId(String subject, Schema schema) {
    try {
      return autoRegisterSchemas
          ? client.register(subject, schema)
          : client.lookupId(subject, schema);
    } catch (SchemaNotFoundException e) {
      throw new SerializationException(
          String.format(
              "Schema %s is not registered under subject %s in schema registry %s and %s=false: %s",
              schema.getFullName(),
              subject,
              client.url(),
              SerdeConfig.AUTO_REGISTER_SCHEMAS,
              e.getMessage()),
          e);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          String.format(
              "Could not %s schema %s under subject %s in schema registry %s: %s",
              autoRegisterSchemas ? "register" : "look up",
              schema.getFullName(),
              subject,
              client.url(),
              e.getMessage()),
          e);
    }
  }

  private DatumWriter<T> newWriter(Schema schema, T record) {
    // The class's own model carries its logical-type conversions (timestamp-millis <-> Instant).
    return new SpecificDatumWriter<>(schema, SpecificData.getForClass(record.getClass()));
  }
}
