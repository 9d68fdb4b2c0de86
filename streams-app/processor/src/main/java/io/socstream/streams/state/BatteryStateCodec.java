package io.socstream.streams.state;

import io.socstream.core.estimate.BatteryEstimator;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.Sample;
import io.socstream.core.fusion.FusionParameters;
import java.nio.ByteBuffer;

/**
 * Bytes of a {@link BatteryState} in the {@code battery-state} store, big-endian:
 *
 * <pre>
 * v1: u8 version | u8 flags (1 pending, 2 held, 4 latest)
 *     | [i64 pendingSeq] | [i64 heldTimestampMs, f64 voltage, f64 current, f64 temperature]
 *     | [u16 length | latest estimate ({@link LatestEstimateCodec})]
 *     | the estimator ({@link BatteryEstimator#encode}, the rest)
 * </pre>
 *
 * The estimator comes last, so the ops endpoint reads the latest estimate without decoding it.
 * Every part has a size known before writing (the estimator's is fixed per spec), so a value is
 * written once into an array of its exact size.
 */
public final class BatteryStateCodec {

  static final byte VERSION = 1;

  /** Bytes of a held sample: timestamp, voltage, current, temperature. */
  public static final int HELD_SIZE = Long.BYTES + 3 * Double.BYTES;

  private static final int PENDING = 1;
  private static final int HELD = 2;
  private static final int LATEST = 4;

  private final FeatureSpec spec;
  private final FusionParameters fusion;

  /** For the estimators of {@code spec} with {@code fusion}. */
  public BatteryStateCodec(FeatureSpec spec, FusionParameters fusion) {
    this.spec = spec;
    this.fusion = fusion;
  }

  /** A fresh battery's state. */
  public BatteryState fresh() {
    return BatteryState.fresh(BatteryEstimator.fresh(spec, fusion));
  }

  public byte[] encode(BatteryState state) {
    ByteBuffer b = ByteBuffer.allocate(encodedSize(state));
    write(state, b);
    if (b.hasRemaining()) {
      throw new IllegalStateException(b.remaining() + " bytes of the battery state left unwritten");
    }
    return b.array();
  }

  /** The exact size {@link #encode} writes: the header's parts, then the fixed-size estimator. */
  private static int encodedSize(BatteryState state) {
    byte[] latest = state.latestEstimate();
    return 2
        + (state.isPending() ? Long.BYTES : 0)
        + (state.held() != null ? HELD_SIZE : 0)
        + (latest != null ? Short.BYTES + latest.length : 0)
        + state.estimator().encodedSize();
  }

  private static void write(BatteryState state, ByteBuffer b) {
    byte[] latest = state.latestEstimate();
    int flags =
        (state.isPending() ? PENDING : 0)
            | (state.held() != null ? HELD : 0)
            | (latest != null ? LATEST : 0);
    b.put(VERSION).put((byte) flags);
    if (state.isPending()) {
      b.putLong(state.pendingSeq());
    }
    Sample held = state.held();
    if (held != null) {
      b.putLong(held.timestampMs())
          .putDouble(held.voltage())
          .putDouble(held.current())
          .putDouble(held.temperature());
    }
    if (latest != null) {
      b.putShort((short) latest.length).put(latest);
    }
    state.estimator().encode(b);
  }

  public BatteryState decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int flags = readHeader(b);
    long pendingSeq = (flags & PENDING) != 0 ? b.getLong() : BatteryState.NOT_PENDING;
    Sample held =
        (flags & HELD) != 0
            ? new Sample(b.getLong(), b.getDouble(), b.getDouble(), b.getDouble())
            : null;
    byte[] latest = null;
    if ((flags & LATEST) != 0) {
      latest = new byte[Short.toUnsignedInt(b.getShort())];
      b.get(latest);
    }
    BatteryEstimator estimator = BatteryEstimator.decode(spec, fusion, b);
    if (b.hasRemaining()) {
      throw new IllegalArgumentException(
          "battery state: " + b.remaining() + " trailing bytes after the estimator");
    }
    return new BatteryState(estimator, held, pendingSeq, latest);
  }

  /** Whether the stored state has a pending window, read from its first bytes only. */
  public static boolean isPending(byte[] bytes) {
    return (readHeader(ByteBuffer.wrap(bytes)) & PENDING) != 0;
  }

  /** The latest estimate's bytes ({@link LatestEstimateCodec}), or null; skips the estimator. */
  public static byte[] latestEstimate(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int flags = readHeader(b);
    if ((flags & LATEST) == 0) {
      return null;
    }
    int skip = ((flags & PENDING) != 0 ? Long.BYTES : 0) + ((flags & HELD) != 0 ? HELD_SIZE : 0);
    b.position(b.position() + skip);
    byte[] latest = new byte[Short.toUnsignedInt(b.getShort())];
    b.get(latest);
    return latest;
  }

  private static int readHeader(ByteBuffer b) {
    byte version = b.get();
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "unknown battery-state version " + version + " (this build reads " + VERSION + ")");
    }
    return b.get();
  }
}
