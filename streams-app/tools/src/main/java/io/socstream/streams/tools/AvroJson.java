package io.socstream.streams.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * One Avro record as one line of plain JSON: the record's own fields under their Avro names, in
 * schema order. Unlike Avro's JSON encoding, a union value is written bare (no {@code {"double":
 * ...}} wrapper); {@code timestamp-millis} fields are numbers (epoch milliseconds), enums strings,
 * {@code bytes} and {@code fixed} standard base64 (RFC 4648, with padding).
 */
public final class AvroJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroJson() {}

  /** The record as one JSON line (no line break). */
  public static String line(GenericRecord record) {
    try {
      return MAPPER.writeValueAsString(node(record));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON of an Avro record: " + e.getMessage(), e);
    }
  }

  /** The record as a JSON object. */
  public static ObjectNode node(GenericRecord record) {
    ObjectNode object = NODES.objectNode();
    record.getSchema().getFields().forEach(f -> object.set(f.name(), value(record.get(f.pos()))));
    return object;
  }

  private static JsonNode value(Object v) {
    if (v == null) {
      return NODES.nullNode();
    } else if (v instanceof GenericRecord r) {
      return node(r);
    } else if (v instanceof CharSequence || v instanceof Enum<?>) {
      return NODES.textNode(v.toString());
    } else if (v instanceof org.apache.avro.generic.GenericEnumSymbol<?> symbol) {
      return NODES.textNode(symbol.toString());
    } else if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    } else if (v instanceof Integer i) {
      return NODES.numberNode(i);
    } else if (v instanceof Long l) {
      return NODES.numberNode(l);
    } else if (v instanceof Float f) {
      return NODES.numberNode(f);
    } else if (v instanceof Double d) {
      return NODES.numberNode(d);
    } else if (v instanceof ByteBuffer bytes) {
      ByteBuffer copy = bytes.duplicate();
      byte[] raw = new byte[copy.remaining()];
      copy.get(raw);
      return NODES.textNode(Base64.getEncoder().encodeToString(raw));
    } else if (v instanceof GenericFixed fixed) {
      return NODES.textNode(Base64.getEncoder().encodeToString(fixed.bytes()));
    } else if (v instanceof Collection<?> items) {
      var array = NODES.arrayNode();
      items.forEach(item -> array.add(value(item)));
      return array;
    } else if (v instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((k, item) -> object.set(k.toString(), value(item)));
      return object;
    }
    return NODES.textNode(v.toString());
  }
}
