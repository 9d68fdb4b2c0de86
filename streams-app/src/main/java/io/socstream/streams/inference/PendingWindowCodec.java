package io.socstream.streams.inference;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Binary form of a {@link PendingWindow} in the pending store: a version byte, the id, the window's
 * times and counts, then the T×F floats. Pending windows live only until the next flush.
 */
public final class PendingWindowCodec {

  static final byte VERSION = 1;

  private PendingWindowCodec() {}

  public static byte[] encode(PendingWindow w) {
    byte[] id = w.batteryId().getBytes(StandardCharsets.UTF_8);
    ByteBuffer b =
        ByteBuffer.allocate(1 + 4 + id.length + 8 + 8 + 8 + 1 + 4 + 4 * w.input().length);
    b.put(VERSION).putInt(id.length).put(id);
    b.putLong(w.startTimestampMs()).putLong(w.endTimestampMs()).putLong(w.segmentSamples());
    b.put((byte) (w.warmingUp() ? 1 : 0));
    b.putInt(w.input().length);
    b.asFloatBuffer().put(w.input());
    return b.array();
  }

  public static PendingWindow decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    byte version = b.get();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown pending-window version " + version);
    }
    byte[] id = new byte[b.getInt()];
    b.get(id);
    long start = b.getLong();
    long end = b.getLong();
    long segmentSamples = b.getLong();
    boolean warmingUp = b.get() != 0;
    float[] input = new float[b.getInt()];
    b.asFloatBuffer().get(input);
    return new PendingWindow(
        new String(id, StandardCharsets.UTF_8), start, end, segmentSamples, warmingUp, input);
  }
}
