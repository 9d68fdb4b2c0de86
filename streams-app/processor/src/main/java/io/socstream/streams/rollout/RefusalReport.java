package io.socstream.streams.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;

/**
 * An engine instance's refusal of a publication: listed by its {@code GET /models} and written to
 * the models topic (key {@link ModelsTopic#refusalKey}) so that {@code ./soc models list} shows it
 * beside the publications.
 *
 * @param instance the engine instance ({@code soc.instance.id})
 * @param role the role the model was published for
 * @param version the refused model's version
 * @param offset the publication's offset in the models topic
 * @param at when the instance refused it
 * @param reason why, in one line
 */
public record RefusalReport(
    String instance, ModelRole role, String version, long offset, Instant at, String reason) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The record value: a JSON object. */
  public byte[] toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("instance", instance);
    node.put("role", role.key());
    node.put("version", version);
    node.put("offset", offset);
    node.put("at", at.toString());
    node.put("reason", reason);
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a refusal report", e);
    }
  }

  /**
   * Reads {@link #toJson()}'s bytes.
   *
   * @throws IllegalArgumentException when they are not a refusal report
   */
  public static RefusalReport fromJson(byte[] value) {
    try {
      JsonNode node = JSON.readTree(value);
      ModelRole role = ModelRole.ofKey(node.path("role").asText());
      if (role == null || !node.hasNonNull("instance") || !node.hasNonNull("version")) {
        throw new IllegalArgumentException("not a refusal report: " + node);
      }
      return new RefusalReport(
          node.get("instance").asText(),
          role,
          node.get("version").asText(),
          node.path("offset").asLong(-1),
          Instant.parse(node.path("at").asText(Instant.EPOCH.toString())),
          node.path("reason").asText(""));
    } catch (IOException | java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("not a refusal report: " + e.getMessage(), e);
    }
  }
}
