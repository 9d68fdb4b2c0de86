package io.socstream.streams.dlq;

import io.socstream.avro.DeadLetterReason;
import io.socstream.core.serde.SchemaRegistryUnavailableException;
import io.socstream.streams.ops.SocMetrics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telemetry that cannot be decoded (not Confluent wire format, corrupt Avro, or a schema id the
 * registry does not know) goes to the dead-letter queue with its original bytes; the stream goes
 * on. Counted in {@link SocMetrics} as a record in and a dead letter of its reason, and logged as
 * one line through {@link DeadLetterLog} (the stack trace only at DEBUG).
 *
 * <p>A schema registry that stays unreachable longer than the deserializer waits ({@link
 * SchemaRegistryUnavailableException}) says nothing about the record: it is never dead-lettered.
 * The handler answers FAIL, the stream thread dies, and {@link StreamThreadReplacement} starts a
 * new one that resumes from the last commit (under exactly_once_v2 nothing is lost or doubled).
 */
public final class DeadLetterDeserializationExceptionHandler
    implements DeserializationExceptionHandler {

  private static final Logger LOG =
      LoggerFactory.getLogger(DeadLetterDeserializationExceptionHandler.class);

  private DeadLetters deadLetters;
  private SocMetrics metrics = SocMetrics.noop();
  private DeadLetterLog log;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = DeadLetters.configure(configs);
    metrics = SocMetrics.from(configs);
    log = DeadLetterLog.from(configs, deadLetters.topic());
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (StreamThreadReplacement.isRegistryOutage(exception)) {
      LOG.warn(
          "Record {}-{}@{} not decoded, schema registry unavailable: the stream thread stops and"
              + " is replaced, and the record is read again from the last commit: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          exception.getMessage());
      return Response.fail();
    }
    DeadLetterReason reason = DeserializationFailures.classify(exception);
    String message = reason + ": " + DeserializationFailures.describe(exception);
    log.deadLetter(
        reason.name(),
        record.topic(),
        record.partition(),
        record.offset(),
        DeserializationFailures.describe(exception));
    LOG.debug(
        "Undecodable record {}-{}@{}",
        record.topic(),
        record.partition(),
        record.offset(),
        exception);
    // Never reaches validation: counted as taken in here.
    metrics.recordIn();
    metrics.deadLetter(reason.name());
    return Response.resume(List.of(deadLetters.build(context, null, reason, message)));
  }
}
