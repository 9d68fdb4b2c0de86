package io.socstream.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * Adding {@code model_soc} (the model's own estimate beside the fused {@code soc}) is a backward-
 * and forward-compatible change: consumers on the old schema read new records, and new consumers
 * read old records (model_soc = null).
 */
class SocEstimateEvolutionTest {

  /** SocEstimate as released before model_soc (copied unchanged from the schema of that time). */
  private static final Schema OLD = readOld();

  private static final Schema NEW = SocEstimate.getClassSchema();

  private static Schema readOld() {
    try (InputStream in =
        SocEstimateEvolutionTest.class.getResourceAsStream("/evolution/SocEstimate-v1.avsc")) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SocEstimate.Builder estimate() {
    return SocEstimate.newBuilder()
        .setBatteryId("B-1")
        .setTimestamp(Instant.ofEpochMilli(1_700_000_030_000L))
        .setSoc(0.62)
        .setSocRaw(0.6131f)
        .setStatus(EstimateStatus.OK)
        .setModelVersion("m1")
        .setWindowStart(Instant.ofEpochMilli(1_700_000_001_000L))
        .setWindowEnd(Instant.ofEpochMilli(1_700_000_030_000L))
        .setSamplesUsed(30)
        .setSegmentSamples(600)
        .setWarmupHorizonMs(500_000)
        .setInferenceBatchSize(8)
        .setProducedAt(Instant.ofEpochMilli(1_700_000_030_050L));
  }

  @Test
  void newReaderReadsOldWriters() {
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(NEW, OLD).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void oldReaderReadsNewWriters() {
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(OLD, NEW).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void modelSocIsANullableDoubleDefaultingToNull() {
    Schema.Field field = NEW.getField("model_soc");
    assertThat(field.schema().getTypes())
        .extracting(Schema::getType)
        .containsExactly(Schema.Type.NULL, Schema.Type.DOUBLE);
    assertThat(field.defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
    // A producer that does not know the field (the builder without it) writes null.
    assertThat(estimate().build().getModelSoc()).isNull();
  }

  @Test
  void oldBytesReadWithTheNewSchemaHaveNoModelSoc() throws IOException {
    GenericRecord old = new GenericData.Record(OLD);
    SocEstimate reference = estimate().build();
    for (Schema.Field field : OLD.getFields()) {
      Object value = reference.get(field.name());
      old.put(
          field.name(),
          value instanceof Instant i
              ? i.toEpochMilli()
              : value instanceof EstimateStatus s
                  ? new GenericData.EnumSymbol(OLD.getField("status").schema(), s.name())
                  : value);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new GenericDatumWriter<GenericRecord>(OLD).write(old, encoder);
    encoder.flush();

    SocEstimate read =
        new SpecificDatumReader<SocEstimate>(OLD, NEW)
            .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

    assertThat(read.getModelSoc()).isNull();
    assertThat(read.getSoc()).isEqualTo(0.62);
    assertThat(read).isEqualTo(reference);
  }

  @Test
  void newBytesReadWithTheOldSchemaDropModelSoc() throws IOException {
    SocEstimate fused = estimate().setModelSoc(0.6131).build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new SpecificDatumWriter<>(SocEstimate.class).write(fused, encoder);
    encoder.flush();

    GenericRecord asOld =
        new GenericDatumReader<GenericRecord>(NEW, OLD)
            .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

    assertThat(asOld.getSchema().getField("model_soc")).isNull();
    assertThat(asOld.get("soc")).isEqualTo(0.62);
    assertThat(asOld.get("battery_id").toString()).isEqualTo("B-1");
  }
}
