package io.socstream.streams.tools;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes sure the topic a replay writes to exists, and that every partition has a leader, before the
 * first record is sent.
 *
 * <p>Two reasons not to leave it to the broker's auto-creation: a producer writing at once into a
 * topic the broker is still creating can lose a batch in Kafka 4.3 (KAFKA-15591: a batch refused
 * during creation is retried until the delivery timeout while later ones succeed; seen here on the
 * local broker, up to 81 of 2,000 records lost), and an auto-created topic gets the broker's
 * default retention, which deletes replayed telemetry with its recorded (old) timestamps. A topic
 * created here gets the cluster's default partitions and replication and {@code retention.ms=-1};
 * an existing topic is left as it is.
 */
public final class ReplayTopic {

  private static final Duration LEADER_WAIT = Duration.ofSeconds(30);

  private ReplayTopic() {}

  /**
   * Creates {@code topic} when it is missing and waits until each of its partitions has a leader.
   *
   * @return true when it created the topic
   */
  public static boolean ensure(String bootstrapServers, String topic) throws InterruptedException {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "soc-replay-topic",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000))) {
      boolean created = create(admin, topic);
      awaitLeaders(admin, topic);
      return created;
    }
  }

  private static boolean create(Admin admin, String topic) throws InterruptedException {
    NewTopic newTopic =
        new NewTopic(topic, Optional.empty(), Optional.empty())
            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
    try {
      admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false;
      }
      throw new IllegalStateException(
          "cannot create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("creating topic " + topic + " timed out", e);
    }
  }

  private static void awaitLeaders(Admin admin, String topic) throws InterruptedException {
    long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
    while (true) {
      try {
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        if (d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new IllegalStateException(
              "cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "topic " + topic + " has partitions without a leader after " + LEADER_WAIT);
      }
      Thread.sleep(100);
    }
  }
}
