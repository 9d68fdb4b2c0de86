package io.socstream.streams.testing;

import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** In-process KRaft clusters for the broker tests ({@code *IT}). */
public final class TestClusters {

  private TestClusters() {}

  /**
   * One broker and one controller, formatted, started and ready. With one broker the transaction
   * and offsets logs make do with one replica, so exactly_once_v2 works.
   */
  public static KafkaClusterTestKit startSingleNode() throws Exception {
    KafkaClusterTestKit cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder().setNumBrokerNodes(1).setNumControllerNodes(1).build())
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    return cluster;
  }

  /** {@link #startSingleNode()}, then {@code topics} created. */
  public static KafkaClusterTestKit startSingleNodeWithTopics(NewTopic... topics) throws Exception {
    KafkaClusterTestKit cluster = startSingleNode();
    try (Admin admin = cluster.admin()) {
      admin.createTopics(List.of(topics)).all().get();
    }
    return cluster;
  }
}
