package io.socstream.streams.rollout;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an engine instance's refusals to the models topic, where {@code ./soc models list} reads
 * them, and removes a role's refusal (a tombstone) once the instance serves a newer publication of
 * that role. Best effort: a refusal is a report, not data, so a failed send is logged (the log,
 * {@code soc_model_refusals_total} and {@code GET /models} still have it).
 */
public final class RefusalPublisher implements AutoCloseable {

  /** Publishes nothing and keeps no state (tests, or an engine without a models topic). */
  public static final RefusalPublisher NONE = new RefusalPublisher(null, "", "");

  private static final Logger LOG = LoggerFactory.getLogger(RefusalPublisher.class);

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final String instance;

  /** Per role, the offset of the publication this instance's standing refusal is about. */
  private final Map<ModelRole, Long> standing = new EnumMap<>(ModelRole.class);

  /**
   * @param producer a plain (non-transactional) producer, closed by {@link #close()}; null = none
   */
  public RefusalPublisher(Producer<String, byte[]> producer, String topic, String instance) {
    this.producer = producer;
    this.topic = topic;
    this.instance = instance;
  }

  /** The instance the reports name. */
  public String instance() {
    return instance;
  }

  /** Notes a refusal found in the topic at start-up, so that serving a newer model clears it. */
  public synchronized void known(RefusalReport report) {
    if (producer != null && report.instance().equals(instance)) {
      standing.put(report.role(), report.offset());
    }
  }

  /** Reports a refusal of this instance. */
  public synchronized void refused(RefusalReport report) {
    if (producer == null) {
      return;
    }
    standing.put(report.role(), report.offset());
    send(ModelsTopic.refusal(topic, report));
  }

  /**
   * The instance now serves {@code role}'s publication at {@code offset}: a refusal of an older
   * publication is cleared (a refusal of a newer one, e.g. after falling back at start-up, stays).
   */
  public synchronized void serving(ModelRole role, long offset) {
    if (producer == null) {
      return;
    }
    Long refused = standing.get(role);
    if (refused != null && offset > refused) {
      standing.remove(role);
      send(ModelsTopic.refusalCleared(topic, instance, role));
    }
  }

  private void send(ProducerRecord<String, byte[]> record) {
    // The callback reports the outcome; the future adds nothing.
    var unused =
        producer.send(
            record,
            (metadata, e) -> {
              if (e != null) {
                LOG.warn(
                    "Could not write {} to the models topic {}: {}",
                    record.key(),
                    topic,
                    e.toString());
              }
            });
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
