package io.socstream.streams.features;

import io.socstream.core.features.Sample;
import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The one sample of a battery held back because it jumped ahead of the battery's newest sample by
 * more than the out-of-order tolerance (see {@link FeatureProcessor}). Kept in the steps store,
 * changelogged like the steps, under sequence -1 (steps are numbered from 0), as its raw values.
 */
public final class HeldJump {

  /** Bytes of a held sample's value: timestamp, voltage, current, temperature. */
  public static final int SIZE = Long.BYTES + 3 * Double.BYTES;

  private static final long SEQ = -1;

  private final KeyValueStore<Bytes, byte[]> store;
  private final Bytes key;

  HeldJump(KeyValueStore<Bytes, byte[]> store, StoreStepLog log) {
    this.store = store;
    this.key = log.key(SEQ);
  }

  /** The held sample, or null. */
  Sample get() {
    byte[] bytes = store.get(key);
    if (bytes == null) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    return new Sample(b.getLong(), b.getDouble(), b.getDouble(), b.getDouble());
  }

  void hold(Sample sample) {
    store.put(
        key,
        ByteBuffer.allocate(SIZE)
            .putLong(sample.timestampMs())
            .putDouble(sample.voltage())
            .putDouble(sample.current())
            .putDouble(sample.temperature())
            .array());
  }

  void release() {
    store.delete(key);
  }
}
