package io.socstream.streams.dlq;

import io.socstream.avro.DeadLetterReason;

/**
 * Thrown by a processor to refuse the current input record. The {@link
 * DeadLetterProcessingExceptionHandler} turns it into a {@code DeadLetter} with this reason and the
 * record's original bytes, and the stream goes on. Carries no stack trace: refusing bad input is
 * routine, not a bug.
 */
public final class TelemetryRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final DeadLetterReason reason;

  public TelemetryRejectedException(DeadLetterReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public DeadLetterReason reason() {
    return reason;
  }
}
