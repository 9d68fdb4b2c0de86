package io.socstream.streams.validation;

import io.socstream.avro.Telemetry;
import io.socstream.streams.dlq.OriginHeaders;
import io.socstream.streams.dlq.TelemetryRejectedException;
import io.socstream.streams.ops.SocMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Refuses invalid telemetry (to the dead-letter queue, through the processing exception handler)
 * and forwards the rest as one cell's ({@link TelemetryValidator#toCell}: a pack's voltage and
 * current divided per {@code soc.pack.*}), keyed by battery id, timestamped with the measurement
 * time, with its origin in headers. The dead-letter record keeps the bytes as received.
 */
public final class ValidationProcessor implements Processor<byte[], Telemetry, String, Telemetry> {

  private final TelemetryValidator validator;
  private final SocMetrics metrics;
  private ProcessorContext<String, Telemetry> context;

  public ValidationProcessor(TelemetryValidator validator) {
    this(validator, SocMetrics.noop());
  }

  /** Counts every record it is given in {@code metrics} (refusals are counted by the handler). */
  public ValidationProcessor(TelemetryValidator validator, SocMetrics metrics) {
    this.validator = validator;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Telemetry> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], Telemetry> record) {
    metrics.recordIn();
    Telemetry t = record.value();
    TelemetryValidator.Rejection rejection =
        validator.check(t, record.timestamp(), context.currentSystemTimeMs());
    if (rejection != null) {
      throw new TelemetryRejectedException(rejection.reason(), rejection.message());
    }
    Record<String, Telemetry> valid =
        record
            .withKey(t.getBatteryId())
            .withValue(validator.toCell(t))
            .withTimestamp(t.getTimestamp().toEpochMilli());
    context
        .recordMetadata()
        .ifPresent(m -> OriginHeaders.stamp(valid.headers(), m, record.timestamp(), record.key()));
    context.forward(valid);
  }
}
