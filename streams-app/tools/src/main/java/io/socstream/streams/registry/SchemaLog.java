package io.socstream.streams.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry's durable state: one JSON line per registered subject version ({@code subject},
 * {@code version}, {@code id}, {@code schema}), appended and forced to disk before the registry
 * answers. Replaying the lines in order rebuilds every subject, version and id. A last line cut off
 * by a crash (no newline yet) was never acknowledged and is dropped on open.
 */
final class SchemaLog implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final FileChannel channel;
  private final List<SubjectVersion> entries;

  private SchemaLog(Path file, FileChannel channel, List<SubjectVersion> entries) {
    this.file = file;
    this.channel = channel;
    this.entries = entries;
  }

  /** Opens (creating when absent) {@code file} and reads what it holds. */
  static SchemaLog open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        byte[] content = Files.readAllBytes(file);
        int complete = lengthOfCompleteLines(content);
        if (complete < content.length) {
          channel.truncate(complete);
          channel.force(true);
        }
        channel.position(complete);
        String text = new String(content, 0, complete, StandardCharsets.UTF_8);
        return new SchemaLog(file, channel, parse(file, text));
      } catch (RuntimeException | IOException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the schema file " + file + ": " + e, e);
    }
  }

  /** The versions read on open, in the order they were registered. */
  List<SubjectVersion> entries() {
    return List.copyOf(entries);
  }

  Path file() {
    return file;
  }

  /** Appends one version and forces it to disk. */
  void append(SubjectVersion entry) {
    ObjectNode line = JSON.createObjectNode();
    line.put("subject", entry.subject());
    line.put("version", entry.version());
    line.put("id", entry.id());
    line.put("schema", entry.schema());
    try {
      ByteBuffer bytes =
          ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the schema file " + file + ": " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close the schema file " + file + ": " + e, e);
    }
  }

  private static int lengthOfCompleteLines(byte[] content) {
    int end = content.length;
    while (end > 0 && content[end - 1] != '\n') {
      end--;
    }
    return end;
  }

  private static List<SubjectVersion> parse(Path file, String text) {
    List<SubjectVersion> result = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(lines[i]);
        result.add(
            new SubjectVersion(
                required(node, "subject").textValue(),
                required(node, "version").intValue(),
                required(node, "id").intValue(),
                required(node, "schema").textValue()));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw new IllegalStateException(
            "Schema file "
                + file
                + " line "
                + (i + 1)
                + " is not a schema entry: "
                + e.getMessage(),
            e);
      }
    }
    return result;
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    boolean ok =
        value != null
            && ((field.equals("subject") || field.equals("schema"))
                ? value.isTextual()
                : value.canConvertToInt());
    if (!ok) {
      throw new IllegalArgumentException("missing or mistyped field '" + field + "'");
    }
    return value;
  }
}
