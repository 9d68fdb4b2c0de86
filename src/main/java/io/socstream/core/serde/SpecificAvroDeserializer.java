package io.socstream.core.serde;

import java.io.EOFException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format Avro into a specific record class. The writer schema comes from the
 * registry by the payload's id and is resolved against the class's schema, so records written with
 * an older or newer compatible schema read fine. Null stays null (tombstones).
 *
 * <p>Registry outages never condemn a record. Only a definite answer makes a record undecodable:
 * the registry says the id does not exist (404: {@link UnknownSchemaIdException}), or the bytes are
 * not a valid datum (a {@link SerializationException}). While the registry cannot answer
 * (connection refused, timeout, 5xx or any other status but 404) the call waits and retries with
 * backoff (100 ms doubling to 5 s, a WARN naming the registry and how long, at the first failure
 * and then every 30 s). After {@code schema.registry.outage.max.wait.ms} (default 120 s, below
 * Kafka Streams' 300 s {@code max.poll.interval.ms}) it throws {@link
 * SchemaRegistryUnavailableException}, which is not a {@code SerializationException}: a caller must
 * stop and retry the record later, never dead-letter it. Schemas already read are cached, so an
 * outage only stalls records of a schema id this instance has not seen yet.
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private final Class<T> targetType;
  private SchemaRegistryClient client;
  private RegistryOutageWait outageWait =
      new RegistryOutageWait(SerdeConfig.parse(Map.of(), false).outageMaxWait());
  private final Map<Integer, DatumReader<T>> readersBySchemaId = new ConcurrentHashMap<>();

  /**
   * For Kafka's reflective construction; {@link #configure} must follow. Without a target class
   * each record is read into the generated class named by its writer schema.
   */
  public SpecificAvroDeserializer() {
    this(null, null);
  }

  /** Reads every record into {@code targetType}; {@link #configure} must follow. */
  public SpecificAvroDeserializer(Class<T> targetType) {
    this(targetType, null);
  }

  /** Uses {@code client} instead of {@code schema.registry.url}; usable without configure. */
  public SpecificAvroDeserializer(Class<T> targetType, SchemaRegistryClient client) {
    this.targetType = targetType;
    this.client = client;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    SerdeConfig config = SerdeConfig.parse(configs, client == null);
    outageWait = new RegistryOutageWait(config.outageMaxWait());
    if (client == null) {
      client = SchemaRegistryClients.fromUrl(config.schemaRegistryUrl(), configs);
    }
  }

  @Override
  public T deserialize(String topic, byte[] payload) {
    if (payload == null) {
      return null;
    }
    if (client == null) {
      throw new IllegalStateException("Deserializer not configured: no schema registry client");
    }
    int schemaId = ConfluentWireFormat.schemaId(payload);
    DatumReader<T> reader = readersBySchemaId.get(schemaId);
    if (reader == null) {
      reader = newReader(schemaId);
      readersBySchemaId.putIfAbsent(schemaId, reader);
    }
    int bodyLength = ConfluentWireFormat.bodyLength(payload);
    BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(payload, ConfluentWireFormat.HEADER_SIZE, bodyLength, null);
    try {
      T record = reader.read(null, decoder);
      // A datum followed by more bytes is not what its writer sent: refuse it rather than
      // accept a prefix of an unknown payload.
      if (!decoder.isEnd()) {
        throw new SerializationException(
            String.format(
                "Trailing bytes: the record of schema id %d ended before the %d-byte body did"
                    + " (topic %s)",
                schemaId, bodyLength, topic));
      }
      return record;
    } catch (SerializationException e) {
      throw e;
    } catch (EOFException e) {
      throw new SerializationException(
          String.format(
              "Truncated Avro body: the %d bytes after the header ended before the record of"
                  + " schema id %d was complete (topic %s)",
              bodyLength, schemaId, topic),
          e);
    } catch (Exception e) {
      throw new SerializationException(
          String.format(
              "Could not decode the Avro body (%d bytes) with schema id %d (topic %s): %s",
              bodyLength, schemaId, topic, e),
          e);
    }
  }

  private DatumReader<T> newReader(int schemaId) {
    Schema writerSchema = writerSchema(schemaId);
    Class<T> type = targetType != null ? targetType : generatedClassOf(writerSchema);
    // The class's own model carries its logical-type conversions (timestamp-millis <-> Instant).
    SpecificData model = SpecificData.getForClass(type);
    return new SpecificDatumReader<>(writerSchema, model.getSchema(type), model);
  }

  private Schema writerSchema(int schemaId) {
    try {
      return outageWait.call("schema id " + schemaId, client.url(), () -> client.getById(schemaId));
    } catch (SchemaNotFoundException e) {
      throw new UnknownSchemaIdException(schemaId, client.url(), e);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          String.format(
              "Could not fetch schema id %d from schema registry %s: %s",
              schemaId, client.url(), e.getMessage()),
          e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> Class<T> generatedClassOf(Schema writerSchema) {
    Class<?> type = SpecificData.get().getClass(writerSchema);
    if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
      throw new SerializationException(
          "No generated class on the class path for writer schema "
              + writerSchema.getFullName()
              + "; construct the deserializer with its target class");
    }
    return (Class<T>) type;
  }
}
