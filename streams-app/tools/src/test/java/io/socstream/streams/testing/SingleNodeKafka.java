package io.socstream.streams.testing;

import io.socstream.core.serde.MockSchemaRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process single-node cluster with the given topics for a whole test class, and a mock
 * registry scope that is dropped after it. Register it on a static field with
 * {@code @RegisterExtension}: the cluster is up before the class's {@code @BeforeAll} methods run.
 */
public final class SingleNodeKafka implements BeforeAllCallback, AfterAllCallback {

  private final String registryScope;
  private final NewTopic[] topics;
  private KafkaClusterTestKit cluster;

  public SingleNodeKafka(String registryScope, NewTopic... topics) {
    this.registryScope = registryScope;
    this.topics = topics.clone();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    cluster = TestClusters.startSingleNodeWithTopics(topics);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    MockSchemaRegistry.dropScope(registryScope);
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /** The mock registry's URL for this class's scope. */
  public String registryUrl() {
    return MockSchemaRegistry.URL_PREFIX + registryScope;
  }
}
