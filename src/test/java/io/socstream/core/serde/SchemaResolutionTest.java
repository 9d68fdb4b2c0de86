package io.socstream.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.avro.Telemetry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The deserializer reads with the registered writer schema, resolved to the class's schema. */
class SchemaResolutionTest {

  private static final String SCOPE = "schema-resolution-test";
  private static final String SUBJECT = "telemetry-value";

  private final MockSchemaRegistry registry = MockSchemaRegistry.forScope(SCOPE);
  private final SpecificAvroDeserializer<Telemetry> deserializer =
      new SpecificAvroDeserializer<>(Telemetry.class, registry);

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void olderWriterWithoutOptionalFieldsReadsAsTheCurrentClass() throws IOException {
    Schema older = telemetryWithout("reported_soc", "pack_id", "vehicle_id");
    GenericRecord record = requiredFields(older);

    Telemetry read = deserializer.deserialize("telemetry", frame(older, record));

    assertThat(read.getBatteryId()).isEqualTo("B0009");
    assertThat(read.getTimestamp()).isEqualTo(TelemetryFixtures.MEASURED);
    assertThat(read.getCurrentA()).isEqualTo(-1.25);
    assertThat(read.getReportedSoc()).isNull();
    assertThat(read.getPackId()).isNull();
  }

  @Test
  void newerWriterWithAnExtraFieldReadsAsTheCurrentClass() throws IOException {
    List<Schema.Field> fields = copyFields(Telemetry.getClassSchema(), List.of());
    fields.add(
        new Schema.Field(
            "state_of_health", Schema.create(Schema.Type.DOUBLE), "SoH, fraction 0..1.", 1.0));
    Schema newer = record(fields);
    GenericRecord record = requiredFields(newer);
    record.put("pack_id", "P-2");
    record.put("state_of_health", 0.9);

    Telemetry read = deserializer.deserialize("telemetry", frame(newer, record));

    assertThat(read.getPackId()).isEqualTo("P-2");
    assertThat(read.getVoltageV()).isEqualTo(3.7);
  }

  @Test
  void incompatibleWriterIsASerializationError() throws IOException {
    // A writer without voltage_v cannot fill the reader's required, default-less field.
    Schema broken = telemetryWithout("voltage_v");
    GenericRecord record = new GenericData.Record(broken);
    record.put("battery_id", "B0009");
    record.put("timestamp", TelemetryFixtures.MEASURED.toEpochMilli());
    record.put("current_a", -1.25);
    record.put("temperature_c", 22.0);

    byte[] payload = frame(broken, record);

    assertThatThrownBy(() -> deserializer.deserialize("telemetry", payload))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("schema id")
        .hasMessageContaining("voltage_v");
  }

  private byte[] frame(Schema writer, GenericRecord record) throws IOException {
    int id = registry.register(SUBJECT, writer);
    var out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
    encoder.flush();
    return ConfluentWireFormat.frame(id, out.toByteArray());
  }

  private static GenericRecord requiredFields(Schema schema) {
    GenericRecord record = new GenericData.Record(schema);
    record.put("battery_id", "B0009");
    record.put("timestamp", TelemetryFixtures.MEASURED.toEpochMilli());
    record.put("voltage_v", 3.7);
    record.put("current_a", -1.25);
    record.put("temperature_c", 22.0);
    return record;
  }

  private static Schema telemetryWithout(String... removed) {
    return record(copyFields(Telemetry.getClassSchema(), List.of(removed)));
  }

  private static List<Schema.Field> copyFields(Schema base, List<String> removed) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : base.getFields()) {
      if (!removed.contains(field.name())) {
        fields.add(new Schema.Field(field, field.schema()));
      }
    }
    return fields;
  }

  private static Schema record(List<Schema.Field> fields) {
    Schema base = Telemetry.getClassSchema();
    return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
  }
}
