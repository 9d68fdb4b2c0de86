package io.socstream.streams.inference;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Binary form of a {@link PendingWindow} in the pending store, fixed-width big-endian:
 *
 * <pre>
 * v2: u8 version | u16 idLength | id (UTF-8) | i64 endSeq | i64 startTimestampMs
 *     | i64 endTimestampMs | i64 segmentSamples | u8 warmingUp
 * </pre>
 *
 * {@link #size(int)} bytes for an id of that many bytes, whatever the window length. Version 1 (the
 * T×F floats inline) was never released and is refused.
 */
public final class PendingWindowCodec {

  static final byte VERSION = 2;

  private PendingWindowCodec() {}

  /** Encoded size for a battery id of {@code idBytes} UTF-8 bytes. */
  public static int size(int idBytes) {
    return 1 + 2 + idBytes + 4 * 8 + 1;
  }

  public static byte[] encode(PendingWindow w) {
    byte[] id = w.batteryId().getBytes(StandardCharsets.UTF_8);
    if (id.length > 0xFFFF) {
      throw new IllegalArgumentException("battery id longer than 65535 bytes");
    }
    ByteBuffer b = ByteBuffer.allocate(size(id.length));
    b.put(VERSION).putShort((short) id.length).put(id);
    b.putLong(w.endSeq()).putLong(w.startTimestampMs()).putLong(w.endTimestampMs());
    b.putLong(w.segmentSamples()).put((byte) (w.warmingUp() ? 1 : 0));
    return b.array();
  }

  public static PendingWindow decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    byte version = b.get();
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "unknown pending-window version " + version + " (this build reads " + VERSION + ")");
    }
    byte[] id = new byte[Short.toUnsignedInt(b.getShort())];
    b.get(id);
    long endSeq = b.getLong();
    long start = b.getLong();
    long end = b.getLong();
    long segmentSamples = b.getLong();
    boolean warmingUp = b.get() != 0;
    if (b.hasRemaining()) {
      throw new IllegalArgumentException(
          "pending window: " + b.remaining() + " trailing bytes after the encoding");
    }
    return new PendingWindow(
        new String(id, StandardCharsets.UTF_8), endSeq, start, end, segmentSamples, warmingUp);
  }
}
