package io.socstream.streams;

import io.socstream.avro.DeadLetter;
import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.core.serde.SpecificAvroSerde;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** The Avro serdes of the topology, configured from one map ({@code schema.registry.url}, ...). */
public final class AvroSerdes {

  private AvroSerdes() {}

  /** Telemetry values, Confluent wire format. */
  public static Serde<Telemetry> telemetry(Map<String, ?> config) {
    return value(Telemetry.class, config);
  }

  /** SocEstimate values, Confluent wire format. */
  public static Serde<SocEstimate> socEstimate(Map<String, ?> config) {
    return value(SocEstimate.class, config);
  }

  /** DeadLetter values, Confluent wire format. */
  public static Serde<DeadLetter> deadLetter(Map<String, ?> config) {
    return value(DeadLetter.class, config);
  }

  private static <T extends SpecificRecord> Serde<T> value(Class<T> type, Map<String, ?> config) {
    SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
    serde.configure(config, false);
    return serde;
  }
}
