package io.socstream.streams.dlq;

import io.socstream.core.serde.SchemaRegistryUnavailableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's uncaught exception rule: a stream thread that died because the schema registry was
 * unavailable is replaced (REPLACE_THREAD: it resumes from the last commit once the registry
 * answers); anything else stops the client (SHUTDOWN_CLIENT, Kafka Streams' own default), so that a
 * real fault ends {@code soc run} with exit 1 instead of looping.
 */
public final class StreamThreadReplacement implements StreamsUncaughtExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(StreamThreadReplacement.class);

  @Override
  public StreamThreadExceptionResponse handle(Throwable exception) {
    if (isRegistryOutage(exception)) {
      LOG.warn(
          "Stream thread stopped while the schema registry was unavailable; replacing it (it"
              + " resumes from the last commit): {}",
          exception.getMessage());
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  /** Whether {@code exception} or one of its causes is a registry outage. */
  public static boolean isRegistryOutage(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryUnavailableException) {
        return true;
      }
    }
    return false;
  }
}
