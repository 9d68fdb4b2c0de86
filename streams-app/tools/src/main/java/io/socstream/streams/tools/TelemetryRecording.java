package io.socstream.streams.tools;

import io.socstream.avro.Telemetry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * A {@link TopicRecording} of a Telemetry topic, read as {@link Telemetry} (what {@code ./soc
 * replay --input} sends). Values recorded with another Telemetry version are resolved to this
 * build's schema.
 */
public final class TelemetryRecording {

  private TelemetryRecording() {}

  /** One recorded Kafka record of a Telemetry topic. */
  public record Entry(
      String topic, int partition, long offset, String key, long timestampMs, Telemetry value) {}

  /** True when {@code file} starts like an Avro object container file. */
  public static boolean isRecording(Path file) throws IOException {
    return TopicRecording.isRecording(file);
  }

  /**
   * Reads a whole recording.
   *
   * @throws NotTelemetryException when the recording holds another record type
   * @throws IOException when the file is unreadable
   */
  public static List<Entry> read(Path file) throws IOException {
    Schema fileSchema;
    try {
      fileSchema = TopicRecording.fileSchema(file);
    } catch (IOException | RuntimeException e) {
      throw new IOException(file + " is not a readable recording: " + e.getMessage(), e);
    }
    Schema values = fileSchema.getField("value").schema();
    if (values.getType() == Schema.Type.NULL) {
      return List.of();
    }
    if (!Telemetry.getClassSchema().getFullName().equals(values.getFullName())) {
      throw new NotTelemetryException(file, values.getFullName());
    }
    List<Entry> entries = new ArrayList<>();
    SpecificData model = new SpecificData(TelemetryRecording.class.getClassLoader());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    try {
      for (TopicRecording.Entry e :
          TopicRecording.read(
              file, new SpecificDatumReader<>(null, readerSchema(fileSchema), model))) {
        entries.add(
            new Entry(
                e.topic(),
                e.partition(),
                e.offset(),
                e.key(),
                e.timestampMs(),
                (Telemetry) e.value()));
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException(file + " is not a readable telemetry recording: " + e.getMessage(), e);
    }
    return entries;
  }

  /** Creates (or overwrites) a recording of Telemetry entries. */
  public static Writer create(Path file) {
    return new Writer(TopicRecording.create(file));
  }

  /** Appends Telemetry entries; {@link #close()} finishes the file. */
  public static final class Writer implements Closeable {
    private final TopicRecording.Writer writer;

    private Writer(TopicRecording.Writer writer) {
      this.writer = writer;
    }

    public void append(Entry e) throws IOException {
      writer.append(
          new TopicRecording.Entry(
              e.topic(), e.partition(), e.offset(), e.key(), e.timestampMs(), e.value()));
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }

  /** The file's wrapper with this build's Telemetry as the value type. */
  private static Schema readerSchema(Schema fileSchema) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : fileSchema.getFields()) {
      Schema type = f.name().equals("value") ? Telemetry.getClassSchema() : f.schema();
      fields.add(new Schema.Field(f.name(), type, f.doc(), f.defaultVal()));
    }
    return Schema.createRecord(
        fileSchema.getName(), fileSchema.getDoc(), fileSchema.getNamespace(), false, fields);
  }

  /** A recording of another record type was given where telemetry is needed. */
  public static final class NotTelemetryException extends IOException {
    private static final long serialVersionUID = 1L;

    NotTelemetryException(Path file, String valueType) {
      super(
          file
              + " is a recording of "
              + valueType
              + " records, not io.socstream.avro.Telemetry: replay sends telemetry only");
    }
  }
}
