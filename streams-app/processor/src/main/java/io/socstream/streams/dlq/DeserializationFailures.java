package io.socstream.streams.dlq;

import io.socstream.avro.DeadLetterReason;
import java.util.Locale;

/** Tells an unknown schema id apart from bytes that are simply not decodable. */
final class DeserializationFailures {

  private DeserializationFailures() {}

  static DeadLetterReason classify(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      String name = t.getClass().getSimpleName().toLowerCase(Locale.ROOT);
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (name.contains("unknownschema")
          || (message.contains("schema")
              && (message.contains("not found") || message.contains("unknown")))) {
        return DeadLetterReason.UNKNOWN_SCHEMA;
      }
    }
    return DeadLetterReason.DESERIALIZATION_ERROR;
  }

  static String describe(Throwable exception) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (text.length() > 0) {
        text.append(" <- ");
      }
      text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
    }
    return text.toString();
  }
}
