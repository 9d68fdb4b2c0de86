package io.socstream.streams.rollout;

import io.socstream.core.model.ModelArchive;
import io.socstream.core.model.ModelCard;
import java.time.Instant;

/**
 * One record of the models topic: a model archive ({@link ModelArchive}) published for a role.
 *
 * @param role what it is published for
 * @param modelVersion the card's version (also in the record's header)
 * @param publishedAt when {@code ./soc models publish} produced it
 * @param partition partition of the record
 * @param offset offset of the record: later publications have higher offsets
 * @param archive the archive; empty when the record withdraws the role (a tombstone)
 */
public record PublishedModel(
    ModelRole role,
    String modelVersion,
    Instant publishedAt,
    int partition,
    long offset,
    byte[] archive) {

  /** True when the record withdraws the role's model (null value) instead of publishing one. */
  public boolean withdrawn() {
    return archive == null || archive.length == 0;
  }

  /**
   * The archive's card, validated.
   *
   * @throws io.socstream.core.model.ModelCardException when it is invalid
   */
  public ModelCard card() {
    return ModelArchive.card(archive);
  }

  /** {@code <version> (<role>, published <time>, offset <n>)}, for log lines. */
  public String describe() {
    return (withdrawn() ? "withdrawal" : modelVersion)
        + " ("
        + role.key()
        + ", published "
        + publishedAt
        + ", offset "
        + offset
        + ")";
  }
}
