package io.socstream.streams.demo;

import io.socstream.avro.Telemetry;
import io.socstream.core.features.BatteryFeatureState;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureUpdate;
import io.socstream.core.features.Sample;
import io.socstream.core.features.SampleOutcome;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.tools.ReplayRecord;
import io.socstream.streams.validation.TelemetryValidator;
import java.util.List;

/**
 * What the topology will emit for one battery's replayed records, worked out offline with the same
 * validator and core feature pipeline: so the demo knows when every estimate has arrived.
 *
 * @param events SOC estimates (one per emitted window)
 * @param deadLetters records refused (validation, LATE, not representable)
 */
public record ExpectedOutput(long events, long deadLetters) {

  /**
   * Runs {@code records} (one battery, in send order) through validation and the feature pipeline.
   */
  public static ExpectedOutput of(
      List<ReplayRecord> records, FeatureSpec spec, SocStreamsConfig config, long wallClockMs) {
    TelemetryValidator validator = TelemetryValidator.from(config);
    BatteryFeatureState state = BatteryFeatureState.fresh(spec);
    long events = 0;
    long dead = 0;
    for (ReplayRecord r : records) {
      if (validator.check(r.value(), r.timestampMs(), wallClockMs) != null) {
        dead++;
        continue;
      }
      Telemetry cell = validator.toCell(r.value());
      Sample sample =
          new Sample(
              cell.getTimestamp().toEpochMilli(),
              cell.getVoltageV(),
              cell.getCurrentA(),
              cell.getTemperatureC());
      long newest = state.lastTimestampMs();
      FeatureUpdate update = state.accept(sample);
      if (update.outcome() == SampleOutcome.INVALID
          || (update.outcome() == SampleOutcome.OUT_OF_ORDER
              && newest - sample.timestampMs() > config.outOfOrderToleranceMs())) {
        dead++;
      } else if (update.hasWindow()
          && (update.window().segmentSamples() - spec.windowLength()) % config.emitEvery() == 0) {
        events++;
      }
    }
    return new ExpectedOutput(events, dead);
  }
}
