package io.socstream.streams.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socstream.core.inference.RunnerOptions;
import io.socstream.core.model.ModelArchive;
import io.socstream.streams.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A (re)starting instance reads the models topic to its end and starts with the newest published
 * primary; records of other keys are ignored.
 */
class ModelTopicWatcherTest {

  private static final String TOPIC = "soc.models";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

  @TempDir Path tmp;

  @Test
  void catchUpStartsWithTheNewestPublishedPrimary() throws Exception {
    Path v1 = RolloutFixtures.export(tmp.resolve("v1"), TestModels.SPEC, "v1");
    Path v2 = RolloutFixtures.export(tmp.resolve("v2"), TestModels.SPEC, "v2");
    Path v3 = RolloutFixtures.export(tmp.resolve("v3"), TestModels.SPEC, "v3");
    MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    consumer.updatePartitions(
        TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), new Node[0], new Node[0])));
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    consumer.updateEndOffsets(Map.of(P0, 3L));
    consumer.schedulePollTask(
        () -> {
          add(consumer, 0, publication(v2, ModelRole.PRIMARY));
          add(
              consumer,
              1,
              new ProducerRecord<>(TOPIC, null, "status/instance-1", new byte[] {1}, List.of()));
          add(consumer, 2, publication(v3, ModelRole.PRIMARY));
        });
    AtomicBoolean dirModelClosed = new AtomicBoolean();
    SwappableSocModel models = new SwappableSocModel(RolloutFixtures.open(v1, dirModelClosed));
    RolloutMetrics metrics = new RolloutMetrics(new SimpleMeterRegistry());
    try (ModelTopicWatcher watcher =
        new ModelTopicWatcher(
            consumer,
            TOPIC,
            models,
            new ModelLoader(models.featureSpec(), RunnerOptions.defaults(), metrics),
            metrics)) {
      watcher.catchUp(Duration.ofSeconds(10));

      assertThat(models.modelVersion()).isEqualTo("v3");
      assertThat(dirModelClosed).isTrue();
      assertThat(watcher.view().get("primary")).asString().contains("v3").contains("offset 2");
    } finally {
      models.close();
    }
  }

  private static ProducerRecord<String, byte[]> publication(Path dir, ModelRole role) {
    byte[] archive = ModelArchive.pack(dir);
    return ModelsTopic.record(TOPIC, role, ModelArchive.card(archive), archive, Instant.now());
  }

  private static void add(
      MockConsumer<String, byte[]> consumer, long offset, ProducerRecord<String, byte[]> r) {
    consumer.addRecord(
        new ConsumerRecord<>(
            TOPIC,
            0,
            offset,
            System.currentTimeMillis(),
            TimestampType.CREATE_TIME,
            -1,
            -1,
            r.key(),
            r.value(),
            r.headers() == null
                ? new org.apache.kafka.common.header.internals.RecordHeaders()
                : r.headers(),
            java.util.Optional.empty()));
  }
}
