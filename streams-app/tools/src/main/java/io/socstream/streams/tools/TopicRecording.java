package io.socstream.streams.tools;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;

/**
 * The file format of {@code ./soc record}: an Avro object container file (deflate) whose records
 * are {@code io.socstream.recording.RecordedRecord} wrappers, one per Kafka record, in the order
 * they were consumed:
 *
 * <ul>
 *   <li>{@code topic} (string), {@code partition} (int), {@code offset} (long): where it was read;
 *   <li>{@code key} (string or null): the record key, UTF-8;
 *   <li>{@code timestamp} (long, epoch milliseconds): the Kafka record timestamp, which {@code
 *       ./soc replay} reuses;
 *   <li>{@code value}: the record's value, decoded with its writer schema (Telemetry, SocEstimate,
 *       DeadLetter, ...). That schema is in the file header, so the file is readable without a
 *       schema registry and is not tied to a registry's schema ids.
 * </ul>
 *
 * A file holds one value schema: the first record's writer schema (records written with another
 * version are resolved to it). A recording without records has the value type {@code null}.
 * Recordings of older builds ({@code io.socstream.recording.RecordedTelemetry}) have the same
 * layout and read the same way.
 */
public final class TopicRecording {

  private static final byte[] CONTAINER_MAGIC = {'O', 'b', 'j', 1};

  private TopicRecording() {}

  /** One recorded Kafka record; {@code value} is any Avro record (a generated class too). */
  public record Entry(
      String topic,
      int partition,
      long offset,
      String key,
      long timestampMs,
      GenericRecord value) {}

  /** The wrapper schema around values of {@code valueSchema}. */
  public static Schema schema(Schema valueSchema) {
    return SchemaBuilder.record("RecordedRecord")
        .namespace("io.socstream.recording")
        .aliases("io.socstream.recording.RecordedTelemetry")
        .doc("One Kafka record, as recorded by `soc record`.")
        .fields()
        .requiredString("topic")
        .requiredInt("partition")
        .requiredLong("offset")
        .optionalString("key")
        .name("timestamp")
        .doc("Kafka record timestamp, epoch milliseconds")
        .type()
        .longType()
        .noDefault()
        .name("value")
        .type(valueSchema)
        .noDefault()
        .endRecord();
  }

  /** True when {@code file} starts like an Avro object container file. */
  public static boolean isRecording(Path file) throws IOException {
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(head, 0, 4) == 4 && Arrays.equals(head, CONTAINER_MAGIC);
    }
  }

  /** The schema of a recording's entries (from its header). */
  public static Schema fileSchema(Path file) throws IOException {
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
      Schema schema = reader.getSchema();
      if (schema.getType() != Schema.Type.RECORD || schema.getField("value") == null) {
        throw new IOException(file + " is not a `soc record` recording (no value field)");
      }
      return schema;
    }
  }

  /** The schema of the values a recording holds (type {@code null} for an empty one). */
  public static Schema valueSchema(Path file) throws IOException {
    return fileSchema(file).getField("value").schema();
  }

  /** Reads a whole recording with generic values (timestamps as epoch-millisecond longs). */
  public static List<Entry> read(Path file) throws IOException {
    return read(file, new GenericDatumReader<>());
  }

  /** Reads a whole recording, each wrapper (and so its value) decoded by {@code wrappers}. */
  static List<Entry> read(Path file, DatumReader<GenericRecord> wrappers) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), wrappers)) {
      for (GenericRecord r : reader) {
        Object key = r.get("key");
        entries.add(
            new Entry(
                r.get("topic").toString(),
                (Integer) r.get("partition"),
                (Long) r.get("offset"),
                key == null ? null : key.toString(),
                (Long) r.get("timestamp"),
                (GenericRecord) r.get("value")));
      }
    }
    return entries;
  }

  /** Creates (or overwrites) a recording; the file is written from the first entry on. */
  public static Writer create(Path file) {
    return new Writer(file);
  }

  /** Appends entries to a new recording; {@link #close()} finishes the file. */
  public static final class Writer implements Closeable {
    private final Path file;
    private DataFileWriter<GenericRecord> writer;
    private Schema schema;
    private long count;

    private Writer(Path file) {
      this.file = file;
    }

    /** The value schema of this file; null until the first entry. */
    public Schema valueSchema() {
      return schema == null ? null : schema.getField("value").schema();
    }

    /**
     * @throws IllegalArgumentException when the value's schema is not the file's value schema
     */
    public void append(Entry e) throws IOException {
      if (writer == null) {
        open(e.value().getSchema());
      } else if (!valueSchema().equals(e.value().getSchema())) {
        throw new IllegalArgumentException(
            "value schema "
                + e.value().getSchema().getFullName()
                + " differs from the recording's "
                + valueSchema().getFullName());
      }
      GenericRecord r = new GenericData.Record(schema);
      r.put("topic", e.topic());
      r.put("partition", e.partition());
      r.put("offset", e.offset());
      r.put("key", e.key());
      r.put("timestamp", e.timestampMs());
      r.put("value", e.value());
      writer.append(r);
      count++;
    }

    /** Entries appended so far. */
    public long count() {
      return count;
    }

    @Override
    public void close() throws IOException {
      if (writer == null) {
        open(Schema.create(Schema.Type.NULL));
      }
      writer.close();
    }

    private void open(Schema valueSchema) throws IOException {
      schema = schema(valueSchema);
      // The conversion lets generated classes (Instant timestamps) and generic records (long
      // timestamps) be written alike.
      GenericData model = new GenericData();
      model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
      writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema, model));
      writer.setCodec(CodecFactory.deflateCodec(6));
      writer.create(schema, file.toFile());
    }
  }
}
