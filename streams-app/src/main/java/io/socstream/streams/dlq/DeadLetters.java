package io.socstream.streams.dlq;

import io.socstream.avro.DeadLetter;
import io.socstream.avro.DeadLetterReason;
import io.socstream.streams.AvroSerdes;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds the dead-letter records the exception handlers return to Kafka Streams (KIP-1034): an Avro
 * {@code DeadLetter} value, keyed by the original key bytes, on the configured DLQ topic.
 */
final class DeadLetters {

  private final String topic;
  private final Serializer<DeadLetter> serializer;

  private DeadLetters(String topic, Serializer<DeadLetter> serializer) {
    this.topic = topic;
    this.serializer = serializer;
  }

  /**
   * From the Kafka Streams configuration: the topic is {@code errors.dead.letter.queue.topic.name},
   * the serializer is configured with the same map (it reads {@code schema.registry.url}).
   */
  static DeadLetters configure(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    if (topic == null || topic.toString().isBlank()) {
      throw new IllegalStateException(
          StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
              + " must name the dead-letter topic");
    }
    Serializer<DeadLetter> viaRegistry = AvroSerdes.deadLetter(configs).serializer();
    DeadLetterSchema registered = DeadLetterSchema.from(configs);
    return new DeadLetters(
        topic.toString(), registered == null ? viaRegistry : registered.serializer(viaRegistry));
  }

  String topic() {
    return topic;
  }

  /**
   * A dead letter for the record being processed in {@code context}; {@code origin} (may be null)
   * replaces the context's coordinates and key when the record came through the repartition topic.
   */
  ProducerRecord<byte[], byte[]> build(
      ErrorHandlerContext context,
      OriginHeaders.Origin origin,
      DeadLetterReason reason,
      String message) {
    String sourceTopic = origin != null ? origin.topic() : context.topic();
    int partition = origin != null ? origin.partition() : context.partition();
    long offset = origin != null ? origin.offset() : context.offset();
    byte[] key = origin != null ? origin.key() : context.sourceRawKey();
    byte[] value = context.sourceRawValue();
    long timestamp = origin != null ? origin.timestamp() : context.timestamp();
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setReason(reason)
            .setMessage(message == null ? reason.name() : message)
            .setSourceTopic(sourceTopic == null ? "" : sourceTopic)
            .setSourcePartition(partition)
            .setSourceOffset(offset)
            .setRecordTimestamp(timestamp < 0 ? null : Instant.ofEpochMilli(timestamp))
            .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
            .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
            .setFailedAt(Instant.now())
            .build();
    return new ProducerRecord<>(topic, null, key, serializer.serialize(topic, letter));
  }
}
