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

  /**
   * The most bytes of the original value a dead letter keeps: well below the 1 MiB default of the
   * producer's max.request.size and the topic's max.message.bytes.
   */
  static final int MAX_ORIGINAL_VALUE_BYTES = 256 * 1024;

  /** The most bytes of the original key a dead letter keeps (it is also the record's key). */
  static final int MAX_ORIGINAL_KEY_BYTES = 16 * 1024;

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
    if (key != null && key.length > MAX_ORIGINAL_KEY_BYTES) {
      message =
          (message == null ? reason.name() : message)
              + " (original key truncated: the first "
              + MAX_ORIGINAL_KEY_BYTES
              + " of its "
              + key.length
              + " bytes are kept)";
      key = java.util.Arrays.copyOf(key, MAX_ORIGINAL_KEY_BYTES);
    }
    if (value != null && value.length > MAX_ORIGINAL_VALUE_BYTES) {
      // A dead letter larger than the producer's max.request.size (1 MiB by default) could not be
      // written, and failing to write it would stop the engine on this record at every restart.
      message =
          (message == null ? reason.name() : message)
              + " (original value truncated: the first "
              + MAX_ORIGINAL_VALUE_BYTES
              + " of its "
              + value.length
              + " bytes are kept)";
      value = java.util.Arrays.copyOf(value, MAX_ORIGINAL_VALUE_BYTES);
    }
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
