package io.socstream.streams.features;

import io.socstream.core.features.FeatureStateCodec;
import io.socstream.core.features.StepLog;
import io.socstream.core.features.StepRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One battery's {@link StepLog} on the shared steps store, keyed by (battery id, sequence): a
 * length-prefixed UTF-8 id followed by the big-endian sequence, so a battery's steps sort together
 * and in order. Each put writes one fixed-size step, whatever the window length.
 */
public final class StoreStepLog implements StepLog {

  private final KeyValueStore<Bytes, byte[]> store;
  private final byte[] prefix;

  public StoreStepLog(KeyValueStore<Bytes, byte[]> store, String batteryId) {
    this.store = store;
    byte[] id = batteryId.getBytes(StandardCharsets.UTF_8);
    if (id.length > 0xFFFF) {
      throw new IllegalArgumentException("battery id longer than 65535 bytes");
    }
    this.prefix = ByteBuffer.allocate(2 + id.length).putShort((short) id.length).put(id).array();
  }

  /** The store key of {@code seq} of this battery. */
  Bytes key(long seq) {
    return Bytes.wrap(ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(seq).array());
  }

  @Override
  public void put(long seq, StepRecord record) {
    store.put(key(seq), FeatureStateCodec.encodeStep(record));
  }

  @Override
  public StepRecord get(long seq) {
    byte[] bytes = store.get(key(seq));
    if (bytes == null) {
      throw new IllegalStateException(
          "step " + seq + " missing from store " + store.name() + ": header and steps disagree");
    }
    return FeatureStateCodec.decodeStep(bytes);
  }

  @Override
  public void delete(long seq) {
    store.delete(key(seq));
  }
}
