package io.socstream.streams.dlq;

import io.socstream.avro.DeadLetterReason;
import io.socstream.streams.inference.InferenceFailedException;
import io.socstream.streams.ops.SocMetrics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a processor refuses ({@link TelemetryRejectedException}) go to the dead-letter queue with
 * the refusal's reason; any other per-record failure goes there as {@code PROCESSING_ERROR}. Either
 * way the stream goes on. A failure with no input record behind it (a punctuation) or of the model
 * itself ({@link InferenceFailedException}) stops the task: it is not the record's fault, and
 * dead-lettering every record while the model is broken would drain the stream. Every dead letter
 * is counted in {@link SocMetrics} by reason and logged as one line through {@link DeadLetterLog}.
 */
public final class DeadLetterProcessingExceptionHandler implements ProcessingExceptionHandler {

  private static final Logger LOG =
      LoggerFactory.getLogger(DeadLetterProcessingExceptionHandler.class);

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
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (context.sourceRawValue() == null && context.topic() == null) {
      LOG.error("Processing failed outside any input record; stopping the task", exception);
      return Response.fail();
    }
    if (exception instanceof InferenceFailedException) {
      LOG.error("The model failed; stopping the task (windows stay pending)", exception);
      return Response.fail();
    }
    DeadLetterReason reason;
    String message;
    if (exception instanceof TelemetryRejectedException rejected) {
      reason = rejected.reason();
      message = rejected.getMessage();
    } else {
      reason = DeadLetterReason.PROCESSING_ERROR;
      message = exception.getClass().getName() + ": " + exception.getMessage();
      LOG.debug("Unexpected failure in {}", context.processorNodeId(), exception);
    }
    metrics.deadLetter(reason.name());
    OriginHeaders.Origin origin = OriginHeaders.read(record == null ? null : record.headers());
    log.deadLetter(
        reason.name(),
        origin != null ? origin.topic() : context.topic(),
        origin != null ? origin.partition() : context.partition(),
        origin != null ? origin.offset() : context.offset(),
        message);
    return Response.resume(List.of(deadLetters.build(context, origin, reason, message)));
  }
}
