package io.socstream.streams.dlq;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Where a telemetry record came from (input topic, partition, offset, original key bytes), carried
 * in headers across the repartition topic so that a record refused after it (LATE) is reported
 * against its original coordinates, not the repartition topic's.
 */
public final class OriginHeaders {

  public static final String TOPIC = "soc.origin.topic";
  public static final String PARTITION = "soc.origin.partition";
  public static final String OFFSET = "soc.origin.offset";
  public static final String KEY = "soc.origin.key";
  public static final String TIMESTAMP = "soc.origin.timestamp";

  private OriginHeaders() {}

  /** Adds the origin of the current record, replacing any earlier origin headers. */
  public static void stamp(
      Headers headers, RecordMetadata metadata, long timestamp, byte[] originalKey) {
    headers.remove(TOPIC).remove(PARTITION).remove(OFFSET).remove(KEY).remove(TIMESTAMP);
    headers.add(TOPIC, metadata.topic().getBytes(StandardCharsets.UTF_8));
    headers.add(PARTITION, ByteBuffer.allocate(4).putInt(metadata.partition()).array());
    headers.add(OFFSET, ByteBuffer.allocate(8).putLong(metadata.offset()).array());
    headers.add(TIMESTAMP, ByteBuffer.allocate(8).putLong(timestamp).array());
    if (originalKey != null) {
      headers.add(KEY, originalKey);
    }
  }

  /** The origin in {@code headers}, or null when they carry none. */
  public static Origin read(Headers headers) {
    if (headers == null) {
      return null;
    }
    Header topic = headers.lastHeader(TOPIC);
    Header partition = headers.lastHeader(PARTITION);
    Header offset = headers.lastHeader(OFFSET);
    if (topic == null || partition == null || offset == null) {
      return null;
    }
    Header key = headers.lastHeader(KEY);
    Header timestamp = headers.lastHeader(TIMESTAMP);
    return new Origin(
        new String(topic.value(), StandardCharsets.UTF_8),
        ByteBuffer.wrap(partition.value()).getInt(),
        ByteBuffer.wrap(offset.value()).getLong(),
        timestamp == null ? -1L : ByteBuffer.wrap(timestamp.value()).getLong(),
        key == null ? null : key.value());
  }

  /**
   * A record's place in the input topic, its Kafka timestamp (-1 = none) and its original key bytes
   * (null for a null key).
   */
  public record Origin(String topic, int partition, long offset, long timestamp, byte[] key) {}
}
