package io.socstream.streams.dlq;

import io.socstream.core.serde.SchemaRegistryUnavailableException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's uncaught exception rule: a stream thread that died of a passing outage is replaced
 * (REPLACE_THREAD: it resumes from the last commit, and under exactly_once_v2 the interrupted
 * transaction is aborted, so nothing is lost or doubled): the schema registry unavailable, or the
 * producer's transaction broken by a broker that went away mid-transaction ({@code
 * InvalidTxnStateException} after a broker SIGKILL, found by the reliability suite; fenced or
 * aborted transactions, an expired producer epoch). Anything else stops the client
 * (SHUTDOWN_CLIENT, Kafka Streams' own default), so that a real fault ends {@code soc run} with
 * exit 1 instead of looping.
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
    if (isBrokenTransaction(exception)) {
      LOG.warn(
          "Stream thread stopped because its transaction broke (broker lost mid-transaction?);"
              + " replacing it (it resumes from the last commit): {}",
          exception.getMessage());
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  /** Whether {@code exception} or one of its causes says the producer's transaction broke. */
  public static boolean isBrokenTransaction(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof InvalidTxnStateException
          || t instanceof InvalidProducerEpochException
          || t instanceof ProducerFencedException
          || t instanceof TransactionAbortedException) {
        return true;
      }
    }
    return false;
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
