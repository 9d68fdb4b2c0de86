package io.socstream.core.serde;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: one magic byte {@code 0x00}, the schema id as a 4-byte big-endian int,
 * then the Avro binary encoding of the record (no Avro container or single-object header).
 */
public final class ConfluentWireFormat {

  /** The only magic byte this format has ever had. */
  public static final byte MAGIC_BYTE = 0x00;

  /** Magic byte plus schema id: the Avro body starts at this offset. */
  public static final int HEADER_SIZE = 5;

  private ConfluentWireFormat() {}

  /** Writes the 5-byte header for {@code schemaId}; the caller appends the Avro body. */
  public static void writeHeader(ByteArrayOutputStream out, int schemaId) {
    out.write(MAGIC_BYTE);
    out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(schemaId).array());
  }

  /** Frames an already encoded Avro body. */
  public static byte[] frame(int schemaId, byte[] avroBody) {
    return ByteBuffer.allocate(HEADER_SIZE + avroBody.length)
        .put(MAGIC_BYTE)
        .putInt(schemaId)
        .put(avroBody)
        .array();
  }

  /**
   * Validates the header and returns the schema id.
   *
   * @throws SerializationException when the payload is shorter than the header or its first byte is
   *     not the magic byte
   */
  public static int schemaId(byte[] payload) {
    if (payload.length < HEADER_SIZE) {
      throw new SerializationException(
          String.format(
              "Payload of %d bytes is shorter than the %d-byte Confluent wire-format header"
                  + " (magic byte + 4-byte schema id)",
              payload.length, HEADER_SIZE));
    }
    if (payload[0] != MAGIC_BYTE) {
      throw new SerializationException(
          String.format(
              "Unknown magic byte 0x%02x (expected 0x%02x): not Confluent wire-format Avro",
              payload[0] & 0xff, MAGIC_BYTE));
    }
    return ByteBuffer.wrap(payload, 1, Integer.BYTES).getInt();
  }

  /** Length of the Avro body after the header of a payload that passed {@link #schemaId}. */
  public static int bodyLength(byte[] payload) {
    return payload.length - HEADER_SIZE;
  }
}
