package io.socstream.streams.tools;

import io.socstream.core.serde.ConfluentWireFormat;
import io.socstream.core.serde.SchemaNotFoundException;
import io.socstream.core.serde.SchemaRegistryClient;
import io.socstream.core.serde.SchemaRegistryClients;
import io.socstream.core.serde.UnknownSchemaIdException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decodes Confluent wire-format Avro of any record type into {@link GenericRecord}s, by the writer
 * schema that the payload's id names in the registry. No logical-type conversions: a {@code
 * timestamp-millis} stays a {@code long} (epoch milliseconds), as the tools print and record it.
 */
public final class WireFormatAvroReader {

  private final SchemaRegistryClient registry;
  private final Map<Integer, Schema> writerSchemas = new ConcurrentHashMap<>();

  public WireFormatAvroReader(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  /** A reader of the registry at {@code registryUrl} (http(s):// or mock://scope). */
  public static WireFormatAvroReader forUrl(String registryUrl) {
    return new WireFormatAvroReader(
        SchemaRegistryClients.fromUrl(registryUrl, Map.of("schema.registry.url", registryUrl)));
  }

  /** The writer schema of {@code payload}, fetched from the registry once per id. */
  public Schema writerSchema(byte[] payload) {
    int id = ConfluentWireFormat.schemaId(payload);
    return writerSchemas.computeIfAbsent(id, this::fetch);
  }

  /** The record in {@code payload}, as its writer wrote it. */
  public GenericRecord read(byte[] payload) {
    Schema writer = writerSchema(payload);
    return read(payload, writer, writer);
  }

  /**
   * The record in {@code payload} resolved to {@code readerSchema} (Avro schema resolution: added
   * fields take their defaults, removed ones are skipped).
   */
  public GenericRecord read(byte[] payload, Schema readerSchema) {
    return read(payload, writerSchema(payload), readerSchema);
  }

  private static GenericRecord read(byte[] payload, Schema writer, Schema reader) {
    GenericDatumReader<GenericRecord> datumReader =
        new GenericDatumReader<>(writer, reader, new GenericData());
    try {
      return datumReader.read(
          null,
          DecoderFactory.get()
              .binaryDecoder(
                  payload,
                  ConfluentWireFormat.HEADER_SIZE,
                  ConfluentWireFormat.bodyLength(payload),
                  null));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Could not decode a " + writer.getFullName() + " as " + reader.getFullName() + ": " + e,
          e);
    }
  }

  private Schema fetch(int id) {
    try {
      return registry.getById(id);
    } catch (SchemaNotFoundException e) {
      throw new UnknownSchemaIdException(id, registry.url(), e);
    }
  }
}
