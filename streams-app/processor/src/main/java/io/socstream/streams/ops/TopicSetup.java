package io.socstream.streams.ops;

import io.socstream.streams.config.SocStreamsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the engine's own topics (telemetry in, SOC out, dead letters) exist before Kafka
 * Streams starts: missing ones are created ({@code soc.topics.create}) with {@code
 * soc.topics.partitions} partitions, {@code soc.topics.replication} replicas and {@code
 * retention.ms=-1}, because replayed telemetry keeps its recorded timestamps and estimates carry
 * measurement time: with a time-based retention the broker would delete them as soon as they are
 * written. Existing topics are left as they are. The internal topics are Kafka Streams' own.
 */
public final class TopicSetup {

  /** Never delete by age. */
  public static final String RETENTION = "-1";

  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

  private TopicSetup() {}

  /**
   * Creates the missing topics, or fails naming them.
   *
   * @return the topics it created
   * @throws TimeoutException when the cluster does not answer within {@code timeout} (retry)
   * @throws IllegalStateException when a topic is missing and may not be created, or cannot be
   */
  public static List<String> ensure(Admin admin, SocStreamsConfig config, Duration timeout)
      throws TimeoutException, InterruptedException {
    Set<String> wanted =
        new LinkedHashSet<>(
            List.of(
                config.telemetryTopic(),
                config.socTopic(),
                config.dlqTopic(),
                config.shadowTopic()));
    Set<String> existing =
        await(
            admin.listTopics(new ListTopicsOptions().timeoutMs(millis(timeout))).names(), timeout);
    List<String> missing = new ArrayList<>();
    for (String topic : wanted) {
      if (!existing.contains(topic)) {
        missing.add(topic);
      }
    }
    if (missing.isEmpty()) {
      return List.of();
    }
    if (!config.topicsCreate()) {
      throw new IllegalStateException(
          (missing.size() == 1 ? "Topic " : "Topics ")
              + String.join(", ", missing)
              + (missing.size() == 1 ? " does" : " do")
              + " not exist; create "
              + (missing.size() == 1 ? "it" : "them")
              + " or set "
              + SocStreamsConfig.TOPICS_CREATE
              + "=true");
    }
    List<NewTopic> topics = new ArrayList<>();
    for (String topic : missing) {
      topics.add(
          new NewTopic(topic, config.topicsPartitions(), config.topicsReplication())
              .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, RETENTION)));
    }
    Map<String, KafkaFuture<Void>> results =
        admin.createTopics(topics, new CreateTopicsOptions().timeoutMs(millis(timeout))).values();
    List<String> created = new ArrayList<>();
    for (String topic : missing) {
      try {
        await(results.get(topic), timeout);
        created.add(topic);
        LOG.info(
            "Created topic {} ({} partitions, replication {}, retention.ms={})",
            topic,
            config.topicsPartitions(),
            config.topicsReplication(),
            RETENTION);
      } catch (IllegalStateException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException(
              "Cannot create topic "
                  + topic
                  + " ("
                  + config.topicsPartitions()
                  + " partitions, replication "
                  + config.topicsReplication()
                  + "): "
                  + e.getCause().getMessage()
                  + "; check "
                  + SocStreamsConfig.TOPICS_PARTITIONS
                  + " / "
                  + SocStreamsConfig.TOPICS_REPLICATION
                  + " or create it yourself",
              e.getCause());
        }
        // Another instance created it meanwhile: fine.
      }
    }
    return created;
  }

  /** The future's value; a cluster-side failure as IllegalStateException with it as the cause. */
  private static <T> T await(KafkaFuture<T> future, Duration timeout)
      throws TimeoutException, InterruptedException {
    try {
      return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw new TimeoutException(cause.getMessage());
      }
      throw new IllegalStateException(cause.getMessage(), cause);
    }
  }

  private static int millis(Duration timeout) {
    return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }
}
