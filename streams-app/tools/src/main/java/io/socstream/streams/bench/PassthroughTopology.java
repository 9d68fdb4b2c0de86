package io.socstream.streams.bench;

import io.socstream.avro.Telemetry;
import io.socstream.streams.AvroSerdes;
import io.socstream.streams.TopologyNames;
import io.socstream.streams.config.KafkaStreamsProperties;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.validation.TelemetryValidator;
import io.socstream.streams.validation.ValidationProcessor;
import java.util.Map;
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

/**
 * The benchmark's limit: the engine's source, Avro serde, validation and re-keying, repartition
 * topic and a sink, but no feature pipeline and no model. Every valid telemetry record is written,
 * re-encoded, to the SOC topic of the config. Same settings (guarantee, commit interval) as the
 * engine, since both take their properties from {@link KafkaStreamsProperties#of}.
 */
final class PassthroughTopology {

  private PassthroughTopology() {}

  static Topology build(SocStreamsConfig config) {
    Map<String, Object> serdeConfig = config.serdeConfig();
    Serde<Telemetry> telemetrySerde = AvroSerdes.telemetry(serdeConfig);
    TelemetryValidator validator = TelemetryValidator.from(config);
    StreamsBuilder builder =
        new StreamsBuilder(
            new TopologyConfig(new StreamsConfig(KafkaStreamsProperties.of(config))));
    KStream<String, Telemetry> valid =
        builder.stream(
                config.telemetryTopic(),
                Consumed.with(Serdes.ByteArray(), telemetrySerde)
                    .withName(TopologyNames.TELEMETRY_SOURCE))
            .process(() -> new ValidationProcessor(validator), Named.as(TopologyNames.VALIDATE));
    if (config.repartition()) {
      valid =
          valid.repartition(
              Repartitioned.<String, Telemetry>as(TopologyNames.REPARTITION)
                  .withKeySerde(Serdes.String())
                  .withValueSerde(telemetrySerde));
    }
    valid.to(
        config.socTopic(),
        Produced.with(Serdes.String(), telemetrySerde).withName(TopologyNames.SOC_SINK));
    return builder.build();
  }
}
