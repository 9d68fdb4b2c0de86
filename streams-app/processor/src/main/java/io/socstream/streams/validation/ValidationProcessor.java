package io.socstream.streams.validation;

import io.socstream.avro.Telemetry;
import io.socstream.streams.dlq.OriginHeaders;
import io.socstream.streams.dlq.TelemetryRejectedException;
import io.socstream.streams.ops.SocMetrics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses invalid telemetry (to the dead-letter queue, through the processing exception handler)
 * and forwards the rest as one cell's ({@link TelemetryValidator#toCell}: a pack's voltage and
 * current divided per {@code soc.pack.*}), keyed by battery id, timestamped with the measurement
 * time, with its origin in headers. The dead-letter record keeps the bytes as received.
 *
 * <p><b>Key and battery id.</b> The value's {@code battery_id} is authoritative: the record is
 * re-keyed by it (the repartition), so its features and estimates are that battery's. A record
 * whose Kafka key is present (not null, not empty) but is not the value's battery id in UTF-8 is
 * still processed as the value's battery, and counted ({@code soc_telemetry_key_mismatch_total})
 * and logged at WARN (the first, then at most one line per 30 s with the count). It is not refused:
 * the key only chose the input partition, and the value carries the id the sample was measured for;
 * a mismatch means a producer keys by something else (a gateway or vehicle id), which costs
 * ordering guarantees across partitions but not correctness within one.
 */
public final class ValidationProcessor implements Processor<byte[], Telemetry, String, Telemetry> {

  private final TelemetryValidator validator;
  private final SocMetrics metrics;
  private ProcessorContext<String, Telemetry> context;
  private long lastWarnNanos;
  private long mismatchesSinceWarn;

  private static final Logger LOG = LoggerFactory.getLogger(ValidationProcessor.class);
  private static final long WARN_EVERY_NANOS = 30_000_000_000L;

  public ValidationProcessor(TelemetryValidator validator) {
    this(validator, SocMetrics.noop());
  }

  /** Counts every record it is given in {@code metrics} (refusals are counted by the handler). */
  public ValidationProcessor(TelemetryValidator validator, SocMetrics metrics) {
    this.validator = validator;
    this.metrics = metrics;
  }

  static boolean keyMismatch(byte[] key, String batteryId) {
    return key != null
        && key.length > 0
        && !Arrays.equals(key, batteryId.getBytes(StandardCharsets.UTF_8));
  }

  private void warnKeyMismatch(byte[] key, String batteryId) {
    mismatchesSinceWarn++;
    long now = System.nanoTime();
    if (lastWarnNanos == 0 || now - lastWarnNanos >= WARN_EVERY_NANOS) {
      LOG.warn(
          "Telemetry keyed '{}' says battery '{}': processed as battery '{}' ({} such record(s)"
              + " since the last line; metric soc_telemetry_key_mismatch_total)",
          new String(key, StandardCharsets.UTF_8),
          batteryId,
          batteryId,
          mismatchesSinceWarn);
      lastWarnNanos = now;
      mismatchesSinceWarn = 0;
    }
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
    if (keyMismatch(record.key(), t.getBatteryId())) {
      metrics.keyMismatch();
      warnKeyMismatch(record.key(), t.getBatteryId());
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
