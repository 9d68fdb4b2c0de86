package io.socstream.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.streams.TestModels;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.ops.BrokerMonitor;
import io.socstream.streams.ops.TopicSetup;
import io.socstream.streams.testing.TestClusters;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code soc run}'s start-up against a real (in-process) broker: missing topics are created with
 * the configured partitions and {@code retention.ms=-1}, existing ones are left alone, and with
 * {@code soc.topics.create=false} a missing topic stops start-up with one line naming it.
 */
class RunCommandIT {

  private static KafkaClusterTestKit cluster;
  private static Admin admin;

  @TempDir Path dir;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = TestClusters.startSingleNode();
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    admin.close();
    cluster.close();
  }

  private static String bootstrap() {
    return cluster.bootstrapServers();
  }

  private static SocStreamsConfig config(String prefix, Map<String, String> extra) {
    Map<String, String> s = new java.util.HashMap<>(extra);
    s.put(SocStreamsConfig.BOOTSTRAP_SERVERS, bootstrap());
    s.put(SocStreamsConfig.TELEMETRY_TOPIC, prefix + ".telemetry");
    s.put(SocStreamsConfig.SOC_TOPIC, prefix + ".soc");
    s.put(SocStreamsConfig.DLQ_TOPIC, prefix + ".dlq");
    s.put(SocStreamsConfig.SHADOW_TOPIC, prefix + ".soc.shadow");
    return SocStreamsConfig.of(s);
  }

  @Test
  void missingTopicsAreCreatedWithTheirPartitionsAndNoRetentionExistingOnesAreKept()
      throws Exception {
    admin.createTopics(List.of(new NewTopic("a.soc", 1, (short) 1))).all().get();
    SocStreamsConfig c = config("a", Map.of(SocStreamsConfig.TOPICS_PARTITIONS, "4"));

    List<String> created = TopicSetup.ensure(admin, c, Duration.ofSeconds(10));

    assertThat(created).containsExactly("a.telemetry", "a.dlq", "a.soc.shadow");
    Map<String, TopicDescription> topics = describe(List.of("a.telemetry", "a.soc", "a.dlq"));
    assertThat(topics.get("a.telemetry").partitions()).hasSize(4);
    assertThat(topics.get("a.dlq").partitions()).hasSize(4);
    assertThat(topics.get("a.soc").partitions()).hasSize(1); // already there: left as it was
    for (String topic : List.of("a.telemetry", "a.dlq", "a.soc")) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      String retention =
          admin
              .describeConfigs(Set.of(resource))
              .all()
              .get()
              .get(resource)
              .get(TopicConfig.RETENTION_MS_CONFIG)
              .value();
      assertThat(retention).as(topic).isEqualTo(topic.equals("a.soc") ? "604800000" : "-1");
    }
    assertThat(TopicSetup.ensure(admin, c, Duration.ofSeconds(10))).isEmpty();
  }

  /** The topics' descriptions, once the broker's metadata has caught up with the controller. */
  private static Map<String, TopicDescription> describe(List<String> topics) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      try {
        return admin.describeTopics(topics).allTopicNames().get();
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  @Test
  void aReplicationFactorTheClusterCannotHaveIsOneLineNamingTheSettings() {
    SocStreamsConfig c = config("b", Map.of(SocStreamsConfig.TOPICS_REPLICATION, "3"));
    assertThatThrownBy(() -> TopicSetup.ensure(admin, c, Duration.ofSeconds(10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Cannot create topic b.telemetry (6 partitions, replication 3)")
        .hasMessageContaining(SocStreamsConfig.TOPICS_REPLICATION);
  }

  @Test
  void withoutTopicCreationRunStopsNamingTheMissingTopics() throws Exception {
    Path file = dir.resolve("run.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            SocStreamsConfig.BOOTSTRAP_SERVERS + "=" + bootstrap(),
            SocStreamsConfig.TELEMETRY_TOPIC + "=c.telemetry",
            SocStreamsConfig.SOC_TOPIC + "=c.soc",
            SocStreamsConfig.DLQ_TOPIC + "=c.dlq",
            SocStreamsConfig.SHADOW_TOPIC + "=c.soc.shadow",
            SocStreamsConfig.TOPICS_CREATE + "=false",
            SocStreamsConfig.MODEL_DIR + "=" + TestModels.modelDir(),
            SocStreamsConfig.STATE_DIR + "=" + dir.resolve("state"),
            SocStreamsConfig.SCHEMA_REGISTRY_URL + "=http://127.0.0.1:9",
            ""));
    admin.createTopics(List.of(new NewTopic("c.soc", 1, (short) 1))).all().get();
    StringWriter err = new StringWriter();
    int code =
        ProcessorCli.execute(
            new String[] {"run", "--config", file.toString(), "--ops-port", "-1"},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true));

    assertThat(code).isEqualTo(ProcessorCli.FAILED);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString())
        .contains(
            "Topics c.telemetry, c.dlq, c.soc.shadow do not exist; create them or set"
                + " soc.topics.create=true");
    assertThat(admin.listTopics().names().get()).doesNotContain("c.telemetry", "c.dlq");
  }

  @Test
  void theBrokerMonitorSeesTheClusterAnswer() {
    BrokerMonitor monitor = BrokerMonitor.of(bootstrap(), admin);
    assertThat(monitor.lastContactMillis()).isEmpty();
    monitor.probe();
    assertThat(monitor.lastContactMillis()).isPresent();
  }
}
