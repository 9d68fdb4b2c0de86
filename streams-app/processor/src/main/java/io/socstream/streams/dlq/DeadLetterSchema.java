package io.socstream.streams.dlq;

import io.socstream.avro.DeadLetter;
import io.socstream.core.serde.ConfluentWireFormat;
import io.socstream.core.serde.SchemaRegistryClient;
import io.socstream.core.serde.SchemaRegistryClients;
import io.socstream.core.serde.TopicNameStrategy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The DeadLetter schema's id, registered (or found) once at start-up by {@link #register()}, so
 * that writing a dead letter never needs the schema registry later: a record that is dead-lettered
 * while the registry is down is still written. Handed to the handlers as an object in the Kafka
 * Streams config ({@link #CONFIG_KEY}); without it (or before {@link #register()}) the handlers use
 * the ordinary registry serializer.
 */
public final class DeadLetterSchema {

  /** The config key under which the handlers find this object. */
  public static final String CONFIG_KEY = "soc.internal.dead.letter.schema";

  private final SchemaRegistryClient client;
  private final String subject;
  private volatile int schemaId = -1;

  private DeadLetterSchema(SchemaRegistryClient client, String subject) {
    this.client = client;
    this.subject = subject;
  }

  /** For the dead-letter {@code topic}, with the registry named in {@code serdeConfig}. */
  public static DeadLetterSchema of(Map<String, ?> serdeConfig, String topic) {
    Object url = serdeConfig.get("schema.registry.url");
    return new DeadLetterSchema(
        SchemaRegistryClients.fromUrl(url == null ? null : url.toString(), serdeConfig),
        TopicNameStrategy.subject(topic, false));
  }

  static DeadLetterSchema from(Map<String, ?> configs) {
    Object value = configs == null ? null : configs.get(CONFIG_KEY);
    return value instanceof DeadLetterSchema schema ? schema : null;
  }

  /**
   * Registers the schema (or finds it) and remembers its id.
   *
   * @throws io.socstream.core.serde.SchemaRegistryException when the registry cannot answer
   */
  public int register() {
    schemaId = client.register(subject, DeadLetter.getClassSchema());
    return schemaId;
  }

  /** Where the schema is registered, for log lines. */
  public String registryUrl() {
    return client.url();
  }

  /** The subject, for log lines. */
  public String subject() {
    return subject;
  }

  /** Writes with the registered id when known, else with {@code fallback}. */
  Serializer<DeadLetter> serializer(Serializer<DeadLetter> fallback) {
    return (topic, letter) -> {
      int id = schemaId;
      return id < 0 ? fallback.serialize(topic, letter) : encode(id, letter);
    };
  }

  private static byte[] encode(int id, DeadLetter letter) {
    var out = new ByteArrayOutputStream(256);
    ConfluentWireFormat.writeHeader(out, id);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new SpecificDatumWriter<DeadLetter>(
              DeadLetter.getClassSchema(), SpecificData.getForClass(DeadLetter.class))
          .write(letter, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new SerializationException("Could not encode a DeadLetter: " + e, e);
    }
    return out.toByteArray();
  }
}
