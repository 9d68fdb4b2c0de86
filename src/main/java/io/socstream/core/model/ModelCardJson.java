package io.socstream.core.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes {@link ModelCard} JSON and turns Jackson's errors into card errors. */
final class ModelCardJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          // NaN/Infinity in the normalisation arrays should reach the validator, which names the
          // field, rather than fail as "malformed JSON".
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          // Newer cards may add fields; card_version says whether we can read them.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private ModelCardJson() {}

  static ModelCard read(Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ModelCardException("Model card not found: " + file, e);
    } catch (IOException e) {
      throw new ModelCardException("Cannot read model card " + file + ": " + e, e);
    }
    return parse(json, file.toString());
  }

  static ModelCard parse(String json, String source) {
    ModelCard card;
    try {
      card = MAPPER.readValue(json, ModelCard.class);
    } catch (JsonProcessingException e) {
      throw new ModelCardException(describe(e, source), e);
    }
    if (card == null) {
      throw new ModelCardException(
          "Model card " + source + " is empty (JSON null)", (Throwable) null);
    }
    return card;
  }

  static String toJson(ModelCard card) {
    try {
      return MAPPER.writeValueAsString(card) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise model card: " + e.getOriginalMessage(), e);
    }
  }

  static void write(ModelCard card, Path file) {
    try {
      Files.writeString(file, toJson(card), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write model card " + file, e);
    }
  }

  private static String describe(JsonProcessingException e, String source) {
    StringBuilder message = new StringBuilder("Malformed model card ").append(source);
    JsonLocation location = e.getLocation();
    if (location != null && location.getLineNr() > 0) {
      message
          .append(" at line ")
          .append(location.getLineNr())
          .append(", column ")
          .append(location.getColumnNr());
    }
    if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      message.append(" (field ").append(jsonPath(mismatch)).append(")");
    }
    return message.append(": ").append(e.getOriginalMessage()).toString();
  }

  /** Jackson's reference chain as {@code a.b[2].c}, the notation the validator uses. */
  private static String jsonPath(MismatchedInputException e) {
    StringBuilder path = new StringBuilder();
    for (var reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
