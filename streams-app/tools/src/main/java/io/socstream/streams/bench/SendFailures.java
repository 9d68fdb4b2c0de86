package io.socstream.streams.bench;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The benchmark's producer callback: remembers the first failed send, so that a run whose input did
 * not all reach the broker fails with the broker's reason instead of waiting for outputs.
 */
final class SendFailures implements Callback {

  private final AtomicReference<Exception> first = new AtomicReference<>();

  @Override
  public void onCompletion(RecordMetadata metadata, Exception e) {
    if (e != null) {
      first.compareAndSet(null, e);
    }
  }

  /** Throws when a send failed; call after {@code flush()}. */
  void throwIfAny() {
    Exception e = first.get();
    if (e != null) {
      throw new IllegalStateException(
          "a benchmark input record was not sent: " + e.getMessage(), e);
    }
  }
}
