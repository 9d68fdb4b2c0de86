package io.socstream.streams.rollout;

import io.socstream.core.model.ModelCard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The models topic ({@code soc.topic.models}, default {@value #DEFAULT_NAME}): compacted, one
 * partition, never deleted by age; key = role ({@code primary} / {@code shadow}), value = a model
 * archive, headers {@value #VERSION_HEADER} and {@value #PUBLISHED_AT_HEADER}. Compaction keeps the
 * newest record per role, so reading it from the beginning to its end tells what is published.
 */
public final class ModelsTopic {

  /** The topic's default name. */
  public static final String DEFAULT_NAME = "soc.models";

  /** Header: the card's model_version. */
  public static final String VERSION_HEADER = "soc.model.version";

  /** Header: when the record was published, ISO-8601. */
  public static final String PUBLISHED_AT_HEADER = "soc.published.at";

  /** Key prefix of an engine's refusal report: {@code refused/<instance>/<role>}. */
  public static final String REFUSAL_KEY_PREFIX = "refused/";

  private ModelsTopic() {}

  /** The key of {@code instance}'s refusal report for {@code role}. */
  public static String refusalKey(String instance, ModelRole role) {
    return REFUSAL_KEY_PREFIX + instance + "/" + role.key();
  }

  /** The topic as created when missing: compacted, one partition, retention -1. */
  public static NewTopic newTopic(String name, short replication) {
    return new NewTopic(name, 1, replication)
        .configs(
            Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.RETENTION_MS_CONFIG,
                "-1"));
  }

  /**
   * Creates the topic when missing.
   *
   * @return true when it created it
   * @throws TimeoutException when the cluster does not answer within {@code timeout}
   * @throws IllegalStateException when the cluster refuses
   */
  public static boolean ensure(Admin admin, String name, short replication, Duration timeout)
      throws TimeoutException, InterruptedException {
    try {
      Set<String> names = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (names.contains(name)) {
        return false;
      }
      admin
          .createTopics(List.of(newTopic(name, replication)))
          .all()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false;
      }
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw new TimeoutException(e.getCause().getMessage());
      }
      throw new IllegalStateException(
          "cannot create the models topic " + name + ": " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  /** The record that publishes {@code archive} (whose card is {@code card}) for {@code role}. */
  public static ProducerRecord<String, byte[]> record(
      String topic, ModelRole role, ModelCard card, byte[] archive, Instant publishedAt) {
    Headers headers = new RecordHeaders();
    headers.add(VERSION_HEADER, card.modelVersion().getBytes(StandardCharsets.UTF_8));
    headers.add(PUBLISHED_AT_HEADER, publishedAt.toString().getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(topic, null, role.key(), archive, headers);
  }

  /** The record that withdraws {@code role} (a tombstone: compaction drops the role's model). */
  public static ProducerRecord<String, byte[]> withdrawal(
      String topic, ModelRole role, Instant publishedAt) {
    Headers headers = new RecordHeaders();
    headers.add(PUBLISHED_AT_HEADER, publishedAt.toString().getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(topic, null, role.key(), null, headers);
  }

  /** The record that reports {@code report}'s refusal (key {@link #refusalKey}). */
  public static ProducerRecord<String, byte[]> refusal(String topic, RefusalReport report) {
    return new ProducerRecord<>(
        topic, refusalKey(report.instance(), report.role()), report.toJson());
  }

  /** The record that removes {@code instance}'s refusal report for {@code role} (a tombstone). */
  public static ProducerRecord<String, byte[]> refusalCleared(
      String topic, String instance, ModelRole role) {
    return new ProducerRecord<>(topic, refusalKey(instance, role), null);
  }

  /** What the topic holds: the publications in order, and the standing refusals. */
  public record Contents(List<PublishedModel> published, List<RefusalReport> refusals) {}

  /** A consumed record as a publication, or null when its key names no role. */
  public static PublishedModel parse(ConsumerRecord<String, byte[]> record) {
    ModelRole role = ModelRole.ofKey(record.key());
    if (role == null) {
      return null;
    }
    String version = header(record.headers(), VERSION_HEADER);
    Instant at = Instant.ofEpochMilli(record.timestamp());
    String published = header(record.headers(), PUBLISHED_AT_HEADER);
    if (published != null) {
      try {
        at = Instant.parse(published);
      } catch (DateTimeParseException e) {
        // Not ours: the record's timestamp is as good.
      }
    }
    return new PublishedModel(
        role,
        version == null ? "?" : version,
        at,
        record.partition(),
        record.offset(),
        record.value());
  }

  /**
   * Assigns every partition of {@code topic} to {@code consumer} (no group), seeks to the beginning
   * and reads up to the end offsets taken at the start.
   *
   * @return the publications in partition and offset order, and the engines' refusal reports (the
   *     newest per key; a tombstone removes one)
   * @throws TimeoutException when the end is not reached within {@code timeout}
   */
  public static Contents readContents(
      Consumer<String, byte[]> consumer, String topic, Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!assignFromBeginning(consumer, topic, timeout)) {
      return new Contents(List.of(), List.of());
    }
    Set<TopicPartition> partitions = consumer.assignment();
    Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
    List<PublishedModel> out = new ArrayList<>();
    Map<String, RefusalReport> refusals = new LinkedHashMap<>();
    while (!reached(consumer, end)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "did not reach the end of " + topic + " within " + timeout.toSeconds() + " s");
      }
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        PublishedModel published = parse(record);
        if (published != null) {
          out.add(published);
        } else if (record.key() != null && record.key().startsWith(REFUSAL_KEY_PREFIX)) {
          collectRefusal(record, refusals);
        }
      }
    }
    return new Contents(out, List.copyOf(refusals.values()));
  }

  private static void collectRefusal(
      ConsumerRecord<String, byte[]> record, Map<String, RefusalReport> refusals) {
    refusals.remove(record.key());
    if (record.value() != null) {
      try {
        refusals.put(record.key(), RefusalReport.fromJson(record.value()));
      } catch (IllegalArgumentException e) {
        // Not a report this build understands: nothing to show.
      }
    }
  }

  /**
   * Assigns every partition of {@code topic} to {@code consumer} and seeks to the beginning.
   *
   * @return false when the topic does not exist (nothing assigned)
   */
  public static boolean assignFromBeginning(
      Consumer<String, byte[]> consumer, String topic, Duration timeout) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      return false;
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : infos) {
      partitions.add(new TopicPartition(topic, info.partition()));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return true;
  }

  private static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static String header(Headers headers, String key) {
    Header h = headers.lastHeader(key);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
