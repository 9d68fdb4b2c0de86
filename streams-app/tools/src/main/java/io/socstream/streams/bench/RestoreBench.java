package io.socstream.streams.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socstream.avro.EstimateStatus;
import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.core.estimate.BatteryEstimator;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.Sample;
import io.socstream.core.fusion.FusionParameters;
import io.socstream.streams.TopologyNames;
import io.socstream.streams.state.BatteryState;
import io.socstream.streams.state.BatteryStateCodec;
import io.socstream.streams.state.LatestEstimateCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * The restore phase of {@code soc bench}: how long an instance whose state dir was wiped takes to
 * restore the {@code battery-state} store of many batteries from its changelog before it processes
 * again.
 *
 * <p>The changelog is written directly, one record per battery (what log compaction leaves), each
 * the value the engine stores for a battery past its longest horizon: the estimator after {@code
 * samples} 1 Hz samples of the bench profile plus a latest estimate. Values are built for a few
 * template batteries and reused, so preparing 10,000 batteries takes seconds; sizes are those of
 * real values. The application then starts on an empty state dir; the time runs from {@code
 * start()} to {@code RUNNING}.
 */
final class RestoreBench {

  /** Distinct template states; battery b gets template b mod this. */
  private static final int TEMPLATES = 50;

  private RestoreBench() {}

  /** The changelog values of {@code TEMPLATES} batteries after {@code samples} samples each. */
  static byte[][] templateValues(
      FeatureSpec spec, FusionParameters fusion, TelemetryProfile profile, int samples) {
    BatteryStateCodec codec = new BatteryStateCodec(spec, fusion);
    byte[][] values = new byte[TEMPLATES][];
    for (int b = 0; b < TEMPLATES; b++) {
      BatteryEstimator estimator = BatteryEstimator.fresh(spec, fusion);
      Telemetry last = null;
      for (int j = 0; j < samples; j++) {
        last = profile.sample(b, j);
        estimator.accept(
            new Sample(
                last.getTimestamp().toEpochMilli(),
                last.getVoltageV(),
                last.getCurrentA(),
                last.getTemperatureC()));
      }
      BatteryState state = BatteryState.fresh(estimator);
      state.setLatestEstimate(LatestEstimateCodec.encode(estimate(spec, last, samples)));
      values[b] = codec.encode(state);
    }
    return values;
  }

  private static SocEstimate estimate(FeatureSpec spec, Telemetry last, int samples) {
    Instant end = last.getTimestamp();
    return SocEstimate.newBuilder()
        .setBatteryId(last.getBatteryId())
        .setTimestamp(end)
        .setSoc(0.5)
        .setSocRaw(0.5)
        .setStatus(EstimateStatus.OK)
        .setModelVersion("bench-restore")
        .setWindowStart(end.minusSeconds(spec.windowLength() - 1L))
        .setWindowEnd(end)
        .setSamplesUsed(spec.windowLength())
        .setSegmentSamples(samples)
        .setWarmupHorizonMs(spec.longestHorizonMs())
        .setInferenceBatchSize(64)
        .setProducedAt(end)
        .build();
  }

  /** Writes one value per battery to {@code topic}; returns the key + value bytes written. */
  static long writeChangelog(
      KafkaProducer<byte[], byte[]> producer, String topic, int batteries, byte[][] templates) {
    long bytes = 0;
    SendFailures failures = new SendFailures();
    for (int b = 0; b < batteries; b++) {
      byte[] key = TelemetryProfile.batteryId(b).getBytes(StandardCharsets.UTF_8);
      byte[] value = templates[b % templates.length];
      Future<RecordMetadata> unused =
          producer.send(new ProducerRecord<>(topic, key, value), failures);
      bytes += key.length + value.length;
    }
    producer.flush();
    failures.throwIfAny();
    return bytes;
  }

  /** The changelog topic of the state store for {@code applicationId}. */
  static String changelogTopic(String applicationId) {
    return applicationId + "-" + TopologyNames.BATTERY_STATE_STORE + "-changelog";
  }

  /** Counts what the application restores and when restoring starts and ends. */
  static final class Tally implements StateRestoreListener {
    final AtomicLong records = new AtomicLong();
    final AtomicLong firstStartNanos = new AtomicLong();
    final AtomicLong lastEndNanos = new AtomicLong();

    @Override
    public void onRestoreStart(
        TopicPartition partition, String store, long startingOffset, long endingOffset) {
      firstStartNanos.compareAndSet(0, System.nanoTime());
    }

    @Override
    public void onBatchRestored(
        TopicPartition partition, String store, long batchEndOffset, long numRestored) {
      records.addAndGet(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
      lastEndNanos.set(System.nanoTime());
    }
  }

  /** The JSON of one restore run. */
  static ObjectNode report(
      int batteries,
      int samplesPerBattery,
      long bytesWritten,
      Tally tally,
      double secondsToRunning,
      double processCpuSeconds) {
    ObjectNode n = new ObjectMapper().createObjectNode();
    n.put("batteries", batteries);
    n.put("samples_per_battery_before_wipe", samplesPerBattery);
    n.put("changelog_records", batteries);
    n.put("bytes", bytesWritten);
    n.put("bytes_per_battery", Math.round(10.0 * bytesWritten / batteries) / 10.0);
    n.put("records_restored", tally.records.get());
    n.put("seconds_to_running", Math.round(1000 * secondsToRunning) / 1000.0);
    long start = tally.firstStartNanos.get();
    long end = tally.lastEndNanos.get();
    n.put(
        "seconds_restoring",
        start > 0 && end >= start ? Math.round((end - start) / 1e6) / 1000.0 : -1);
    n.put("process_cpu_seconds", Math.round(1000 * processCpuSeconds) / 1000.0);
    return n;
  }
}
