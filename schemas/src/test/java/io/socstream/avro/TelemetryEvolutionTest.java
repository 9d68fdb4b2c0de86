package io.socstream.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** The evolution rules the Telemetry contract promises: add fields with defaults, never remove. */
class TelemetryEvolutionTest {

  private static final Schema V1 = Telemetry.getClassSchema();
  private static final double DEFAULT_SOH = 1.0;

  /** v1 plus a required-with-default field, as a fleet's next contract version would add it. */
  private static final Schema V2 = withExtraField(V1, "state_of_health", DEFAULT_SOH);

  private static final Telemetry SAMPLE =
      Telemetry.newBuilder()
          .setBatteryId("B0005")
          .setTimestamp(Instant.ofEpochMilli(1_700_000_000_123L))
          .setVoltageV(3.91)
          .setCurrentA(-2.0)
          .setTemperatureC(24.5)
          .setReportedSoc(0.82)
          .setPackId("P-7")
          .setVehicleId(null)
          .build();

  @Test
  void v2ReaderCanReadV1Data() {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(V2, V1);

    assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void v1ReaderCanReadV2Data() {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(V1, V2);

    assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void v1BytesReadWithV2SchemaFillTheDefault() throws IOException {
    byte[] v1Bytes = writeSpecific(SAMPLE);

    GenericRecord asV2 = readGeneric(v1Bytes, V1, V2);

    assertThat(asV2.get("state_of_health")).isEqualTo(DEFAULT_SOH);
    assertThat(asV2.get("battery_id")).isEqualTo("B0005");
    assertThat(asV2.get("timestamp")).isEqualTo(1_700_000_000_123L);
    assertThat(asV2.get("voltage_v")).isEqualTo(3.91);
    assertThat(asV2.get("current_a")).isEqualTo(-2.0);
    assertThat(asV2.get("reported_soc")).isEqualTo(0.82);
    assertThat(asV2.get("vehicle_id")).isNull();
  }

  @Test
  void v2BytesReadIntoTheV1ClassDropTheNewField() throws IOException {
    GenericRecord v2Record = new GenericData.Record(V2);
    for (Schema.Field field : V1.getFields()) {
      Object value = SAMPLE.get(field.name());
      v2Record.put(field.name(), value instanceof Instant i ? i.toEpochMilli() : value);
    }
    v2Record.put("state_of_health", 0.93);
    byte[] v2Bytes = writeGeneric(v2Record);

    SpecificDatumReader<Telemetry> reader = new SpecificDatumReader<>(V2, V1);
    Telemetry asV1 = reader.read(null, DecoderFactory.get().binaryDecoder(v2Bytes, null));

    assertThat(asV1).isEqualTo(SAMPLE);
  }

  @Test
  void removingARequiredFieldWithoutDefaultIsIncompatible() {
    Schema withoutVoltage = withoutField(V1, "voltage_v");

    var result = SchemaCompatibility.checkReaderWriterCompatibility(V1, withoutVoltage);

    assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    assertThat(result.getResult().getIncompatibilities())
        .anySatisfy(
            incompatibility -> {
              assertThat(incompatibility.getType())
                  .isEqualTo(SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE);
              assertThat(incompatibility.getMessage()).contains("voltage_v");
            });
  }

  @Test
  void addingARequiredFieldWithoutDefaultIsIncompatibleForNewReaders() {
    Schema v2NoDefault = withExtraField(V1, "state_of_health", null);

    var result = SchemaCompatibility.checkReaderWriterCompatibility(v2NoDefault, V1);

    assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  private static Schema withExtraField(Schema base, String name, Double defaultValue) {
    List<Schema.Field> fields = copyFields(base, null);
    fields.add(
        new Schema.Field(
            name,
            Schema.create(Schema.Type.DOUBLE),
            "State of health, fraction 0..1.",
            defaultValue));
    return record(base, fields);
  }

  private static Schema withoutField(Schema base, String removed) {
    return record(base, copyFields(base, removed));
  }

  private static List<Schema.Field> copyFields(Schema base, String skipped) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : base.getFields()) {
      if (!field.name().equals(skipped)) {
        // A Field belongs to one record, so each new schema needs its own copies.
        fields.add(new Schema.Field(field, field.schema()));
      }
    }
    return fields;
  }

  private static Schema record(Schema base, List<Schema.Field> fields) {
    return Schema.createRecord(
        base.getName(), base.getDoc(), base.getNamespace(), base.isError(), fields);
  }

  private static byte[] writeSpecific(Telemetry telemetry) throws IOException {
    var out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(Telemetry.class).write(telemetry, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static byte[] writeGeneric(GenericRecord record) throws IOException {
    var out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static GenericRecord readGeneric(byte[] bytes, Schema writer, Schema reader)
      throws IOException {
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
    GenericRecord record =
        new GenericDatumReader<GenericRecord>(writer, reader).read(null, decoder);
    assertThat(decoder.isEnd()).as("every written byte consumed").isTrue();
    return record;
  }
}
