package io.socstream.streams;

import io.socstream.avro.DeadLetter;
import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.core.serde.SpecificAvroSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

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

  /**
   * SocEstimate for the {@code latest-soc} store: Avro single-object encoding, no registry, so the
   * local state never depends on the registry being reachable.
   */
  public static Serde<SocEstimate> socEstimateForStore() {
    return Serdes.serdeFrom(
        (topic, estimate) -> estimate == null ? null : toBytes(estimate),
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          try {
            return SocEstimate.fromByteBuffer(ByteBuffer.wrap(bytes));
          } catch (IOException e) {
            throw new SerializationException("Cannot decode a stored SocEstimate", e);
          }
        });
  }

  private static byte[] toBytes(SocEstimate estimate) {
    try {
      ByteBuffer buffer = estimate.toByteBuffer();
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T extends SpecificRecord> Serde<T> value(Class<T> type, Map<String, ?> config) {
    SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
    serde.configure(config, false);
    return serde;
  }
}
