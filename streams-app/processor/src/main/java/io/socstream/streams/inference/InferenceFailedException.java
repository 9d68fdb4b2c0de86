package io.socstream.streams.inference;

/**
 * The model could not estimate a batch. Not the input's fault: the processing exception handler
 * stops the task instead of dead-lettering (every later record would fail the same way, and the
 * windows stay in the pending store for the next attempt).
 */
public final class InferenceFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InferenceFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
