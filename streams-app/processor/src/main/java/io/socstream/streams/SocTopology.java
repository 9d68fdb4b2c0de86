package io.socstream.streams;

import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.core.inference.SocModel;
import io.socstream.streams.config.KafkaStreamsProperties;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.ops.SocMetrics;
import io.socstream.streams.state.EstimatorProcessor;
import io.socstream.streams.validation.TelemetryValidator;
import io.socstream.streams.validation.ValidationProcessor;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The SOC estimation topology:
 *
 * <pre>
 * battery.telemetry ─▶ validate-telemetry ─▶ [telemetry-by-battery repartition] ─▶ soc-estimator ─▶ battery.soc
 *        │ undecodable        │ refused                                                 │ LATE
 *        ▼                    ▼                                                         ▼
 *    battery.telemetry.dlq (DeadLetter, via the deserialization / processing exception handlers)
 * </pre>
 *
 * <p>{@code soc-estimator} keeps one value per battery in the {@code battery-state} store and
 * batches the windows of many batteries into model calls; see {@link EstimatorProcessor}.
 *
 * <p>Built separately from configuration and {@code main} so tests drive it with {@code
 * TopologyTestDriver}. The dead-letter queue is not a node: the handlers configured by {@link
 * io.socstream.streams.config.KafkaStreamsProperties} produce to it.
 */
public final class SocTopology {

  private SocTopology() {}

  /** The topology for {@code config}, estimating with {@code model} (shared by all tasks). */
  public static Topology buildTopology(SocStreamsConfig config, SocModel model) {
    return buildTopology(config, model, SocMetrics.noop());
  }

  /**
   * As {@link #buildTopology(SocStreamsConfig, SocModel)}, counting records in and estimates out
   * and timing model calls in {@code metrics}. Dead letters are counted by the exception handlers:
   * give them the same instance with {@link KafkaStreamsProperties#of(SocStreamsConfig,
   * SocMetrics)}.
   */
  public static Topology buildTopology(
      SocStreamsConfig config, SocModel model, SocMetrics metrics) {
    Map<String, Object> serdeConfig = config.serdeConfig();
    Serde<Telemetry> telemetrySerde = AvroSerdes.telemetry(serdeConfig);
    Serde<SocEstimate> estimateSerde = AvroSerdes.socEstimate(serdeConfig);
    TelemetryValidator validator = TelemetryValidator.from(config);

    // The builder sees the streams settings, so ensure.explicit.internal.resource.naming applies.
    StreamsBuilder builder =
        new StreamsBuilder(
            new TopologyConfig(new StreamsConfig(KafkaStreamsProperties.of(config))));
    KStream<byte[], Telemetry> input =
        builder.stream(
            config.telemetryTopic(),
            Consumed.with(Serdes.ByteArray(), telemetrySerde)
                .withName(TopologyNames.TELEMETRY_SOURCE));

    KStream<String, Telemetry> valid =
        input.process(
            () -> new ValidationProcessor(validator, metrics), Named.as(TopologyNames.VALIDATE));
    if (config.repartition()) {
      valid =
          valid.repartition(
              // Not as(..).with(..): with() is static and would drop the name.
              Repartitioned.<String, Telemetry>as(TopologyNames.REPARTITION)
                  .withKeySerde(Serdes.String())
                  .withValueSerde(telemetrySerde));
    }

    KStream<String, SocEstimate> estimates =
        valid.process(
            supplier(
                () ->
                    new EstimatorProcessor(
                        model,
                        config.batchSize(),
                        config.lingerMs(),
                        config.outOfOrderToleranceMs(),
                        config.emitEvery(),
                        metrics),
                batteryStateStore()),
            Named.as(TopologyNames.ESTIMATOR));
    estimates.to(
        config.socTopic(),
        Produced.with(Serdes.String(), estimateSerde).withName(TopologyNames.SOC_SINK));
    // Estimates of a published shadow model (rollout); nothing flows here while none is published.
    estimates.to(
        config.shadowTopic(),
        Produced.with(Serdes.String(), estimateSerde).withName(TopologyNames.SHADOW_SINK));

    return builder.build();
  }

  static StoreBuilder<?> batteryStateStore() {
    // Cached: a battery's value is written at every sample and at every estimate, and the cache
    // turns the writes of one commit interval into one RocksDB write and one changelog record.
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(TopologyNames.BATTERY_STATE_STORE),
            Serdes.String(),
            Serdes.ByteArray())
        .withCachingEnabled();
  }

  /** A processor supplier that also declares (and so connects) its stores. */
  private static <KI, VI, KO, VO> ProcessorSupplier<KI, VI, KO, VO> supplier(
      java.util.function.Supplier<Processor<KI, VI, KO, VO>> factory, StoreBuilder<?>... stores) {
    // Insertion order, so describe() lists the stores the same way on every run.
    Set<StoreBuilder<?>> declared = new LinkedHashSet<>(List.of(stores));
    return new ProcessorSupplier<>() {
      @Override
      public Processor<KI, VI, KO, VO> get() {
        return factory.get();
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return declared;
      }
    };
  }
}
