package io.socstream.core.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.avro.Telemetry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bytes built by hand from the published spec: 0x00, the id as 4 big-endian bytes, then the Avro
 * binary encoding of each field in schema order (unions as branch index + value). What another
 * Confluent-compatible producer would send.
 */
class WireFormatSpecTest {

  private static final String SCOPE = "wire-format-spec-test";

  /** The contract as a producer in another language would have it: plain JSON, no Java props. */
  private static final String TELEMETRY_JSON =
      """
      {"type": "record", "name": "Telemetry", "namespace": "io.socstream.avro", "fields": [
        {"name": "battery_id", "type": "string"},
        {"name": "timestamp", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "voltage_v", "type": "double"},
        {"name": "current_a", "type": "double"},
        {"name": "temperature_c", "type": "double"},
        {"name": "reported_soc", "type": ["null", "double"], "default": null},
        {"name": "pack_id", "type": ["null", "string"], "default": null},
        {"name": "vehicle_id", "type": ["null", "string"], "default": null}
      ]}
      """;

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void handBuiltBytesDecode() throws IOException {
    MockSchemaRegistry registry = MockSchemaRegistry.forScope(SCOPE);
    // Burn a few ids so the header carries more than a single low byte.
    for (int i = 0; i < 300; i++) {
      registry.register("filler-" + i, Schema.createFixed("F" + i, null, "filler", 1));
    }
    int id = registry.register("telemetry-value", new Schema.Parser().parse(TELEMETRY_JSON));
    byte[] payload = handBuilt(id);

    Telemetry decoded =
        new SpecificAvroDeserializer<>(Telemetry.class, registry).deserialize("telemetry", payload);

    assertThat(id).isGreaterThan(255);
    assertThat(decoded).isEqualTo(TelemetryFixtures.discharging());
  }

  @Test
  void serializerProducesExactlyTheSpecBytes() throws IOException {
    MockSchemaRegistry registry = MockSchemaRegistry.forScope(SCOPE);

    byte[] produced =
        new SpecificAvroSerializer<Telemetry>(registry)
            .serialize("telemetry", TelemetryFixtures.discharging());

    int id = registry.latest("telemetry-value").id();
    assertThat(produced).isEqualTo(handBuilt(id));
  }

  private static byte[] handBuilt(int schemaId) throws IOException {
    var out = new ByteArrayOutputStream();
    out.write(0x00);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
    BinaryEncoder avro = EncoderFactory.get().binaryEncoder(out, null);
    avro.writeString("B0005");
    avro.writeLong(TelemetryFixtures.MEASURED.toEpochMilli());
    avro.writeDouble(3.91);
    avro.writeDouble(-2.0);
    avro.writeDouble(24.5);
    avro.writeIndex(1); // reported_soc: the "double" branch
    avro.writeDouble(0.82);
    avro.writeIndex(1); // pack_id: the "string" branch
    avro.writeString("P-7");
    avro.writeIndex(0); // vehicle_id: null
    avro.flush();
    return out.toByteArray();
  }
}
