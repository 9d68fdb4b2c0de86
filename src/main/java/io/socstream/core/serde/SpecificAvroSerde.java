package io.socstream.core.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** {@link SpecificAvroSerializer} and {@link SpecificAvroDeserializer} as one Kafka Serde. */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final SpecificAvroSerializer<T> serializer;
  private final SpecificAvroDeserializer<T> deserializer;

  /**
   * For Kafka's reflective construction ({@code default.value.serde}); reads into the class the
   * writer schema names. {@link #configure} must follow.
   */
  public SpecificAvroSerde() {
    this(null);
  }

  /** Reads into {@code targetType}; {@link #configure} must follow. */
  public SpecificAvroSerde(Class<T> targetType) {
    this.serializer = new SpecificAvroSerializer<>();
    this.deserializer = new SpecificAvroDeserializer<>(targetType);
  }

  /** Uses {@code client} instead of {@code schema.registry.url}; usable without configure. */
  public SpecificAvroSerde(Class<T> targetType, SchemaRegistryClient client) {
    this.serializer = new SpecificAvroSerializer<>(client);
    this.deserializer = new SpecificAvroDeserializer<>(targetType, client);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
