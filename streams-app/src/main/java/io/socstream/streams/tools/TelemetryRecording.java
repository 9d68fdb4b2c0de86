package io.socstream.streams.tools;

import io.socstream.avro.Telemetry;
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
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The file format of {@code ./soc record}: an Avro object container file (deflate) whose records
 * are {@code io.socstream.recording.RecordedTelemetry} wrappers, one per Kafka record, in the order
 * they were consumed:
 *
 * <ul>
 *   <li>{@code topic} (string), {@code partition} (int), {@code offset} (long): where it was read;
 *   <li>{@code key} (string or null): the record key, UTF-8;
 *   <li>{@code timestamp} (long, epoch milliseconds): the Kafka record timestamp, which {@code
 *       ./soc replay} reuses;
 *   <li>{@code value}: the {@code io.socstream.avro.Telemetry} itself (its full schema is in the
 *       file header, so the file is readable without a schema registry).
 * </ul>
 *
 * The Telemetry is kept unchanged, so the recording is not tied to a registry's schema ids.
 */
public final class TelemetryRecording {

  /** The wrapper record's schema. */
  public static final Schema SCHEMA =
      SchemaBuilder.record("RecordedTelemetry")
          .namespace("io.socstream.recording")
          .doc("One Kafka record of a Telemetry topic, as recorded by `soc record`.")
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
          .type(Telemetry.getClassSchema())
          .noDefault()
          .endRecord();

  private static final byte[] CONTAINER_MAGIC = {'O', 'b', 'j', 1};

  private TelemetryRecording() {}

  /** One recorded Kafka record. */
  public record Entry(
      String topic, int partition, long offset, String key, long timestampMs, Telemetry value) {}

  /** True when {@code file} starts like an Avro object container file. */
  public static boolean isRecording(Path file) throws IOException {
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(head, 0, 4) == 4 && Arrays.equals(head, CONTAINER_MAGIC);
    }
  }

  /** Reads a whole recording. */
  public static List<Entry> read(Path file) throws IOException {
    List<Entry> entries = new ArrayList<>();
    SpecificDatumReader<GenericRecord> datumReader =
        new SpecificDatumReader<>(null, SCHEMA, model());
    try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), datumReader)) {
      for (GenericRecord r : reader) {
        Object key = r.get("key");
        entries.add(
            new Entry(
                r.get("topic").toString(),
                (Integer) r.get("partition"),
                (Long) r.get("offset"),
                key == null ? null : key.toString(),
                (Long) r.get("timestamp"),
                (Telemetry) r.get("value")));
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException(file + " is not a readable telemetry recording: " + e.getMessage(), e);
    }
    return entries;
  }

  /** Creates (or overwrites) a recording. */
  public static Writer create(Path file) throws IOException {
    return new Writer(file);
  }

  /** Appends entries to a new recording; {@link #close()} finishes the file. */
  public static final class Writer implements Closeable {
    private final DataFileWriter<GenericRecord> writer;
    private long count;

    private Writer(Path file) throws IOException {
      writer = new DataFileWriter<>(new SpecificDatumWriter<GenericRecord>(SCHEMA, model()));
      writer.setCodec(CodecFactory.deflateCodec(6));
      writer.create(SCHEMA, file.toFile());
    }

    public void append(Entry e) throws IOException {
      GenericRecord r = new GenericData.Record(SCHEMA);
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

    public void flush() throws IOException {
      writer.flush();
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }

  private static SpecificData model() {
    SpecificData model = new SpecificData(TelemetryRecording.class.getClassLoader());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    return model;
  }
}
