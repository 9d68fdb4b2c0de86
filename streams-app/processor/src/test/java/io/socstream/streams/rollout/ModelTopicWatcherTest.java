package io.socstream.streams.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socstream.core.features.FeatureSpec;
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
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A (re)starting instance reads the models topic to its end and starts with the newest published
 * primary (or, when it refuses that one, the newest it accepts); records of other keys are ignored.
 * Refusals are reported to the topic and cleared once a newer publication serves.
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
    MockConsumer<String, byte[]> consumer =
        topicWith(
            3,
            r -> {
              r.add(publication(v2, ModelRole.PRIMARY));
              r.add(
                  new ProducerRecord<>(
                      TOPIC, null, "status/instance-1", new byte[] {1}, List.of()));
              r.add(publication(v3, ModelRole.PRIMARY));
            });
    AtomicBoolean dirModelClosed = new AtomicBoolean();
    SwappableSocModel models = new SwappableSocModel(RolloutFixtures.open(v1, dirModelClosed));
    RolloutMetrics metrics = new RolloutMetrics(new SimpleMeterRegistry());
    try (ModelTopicWatcher watcher =
        RolloutFixtures.watcher(consumer, TOPIC, models, metrics, RefusalPublisher.NONE)) {
      watcher.catchUp(Duration.ofSeconds(10));

      assertThat(models.modelVersion()).isEqualTo("v3");
      assertThat(dirModelClosed).isTrue();
      assertThat(watcher.view().get("primary")).asString().contains("v3").contains("offset 2");
    } finally {
      models.close();
    }
  }

  @Test
  void aRefusedNewestPublicationFallsBackToThePreviousOneAndIsReported() throws Exception {
    Path v1 = RolloutFixtures.export(tmp.resolve("v1"), TestModels.SPEC, "v1");
    Path v2 = RolloutFixtures.export(tmp.resolve("v2"), TestModels.SPEC, "v2");
    Path v3 = RolloutFixtures.export(tmp.resolve("v3"), TestModels.SPEC, "v3");
    FeatureSpec six =
        new FeatureSpec(6, TestModels.SPEC.averagingHorizonsSeconds(), 5_000L, 10, true);
    Path t6 = RolloutFixtures.export(tmp.resolve("t6"), six, "v-t6");
    MockConsumer<String, byte[]> consumer =
        topicWith(
            2,
            r -> {
              r.add(publication(v2, ModelRole.PRIMARY));
              r.add(publication(t6, ModelRole.PRIMARY));
            });
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    SwappableSocModel models = new SwappableSocModel(RolloutFixtures.open(v1, new AtomicBoolean()));
    RolloutMetrics metrics = new RolloutMetrics(new SimpleMeterRegistry());
    try (ModelTopicWatcher watcher =
        RolloutFixtures.watcher(
            consumer, TOPIC, models, metrics, new RefusalPublisher(producer, TOPIC, "engine-a"))) {
      watcher.catchUp(Duration.ofSeconds(10));

      // What the running instances serve: v2, not the start-up model.
      assertThat(models.modelVersion()).isEqualTo("v2");
      assertThat(producer.history()).hasSize(1);
      ProducerRecord<String, byte[]> sent = producer.history().get(0);
      assertThat(sent.key()).isEqualTo("refused/engine-a/primary");
      RefusalReport report = RefusalReport.fromJson(sent.value());
      assertThat(report.instance()).isEqualTo("engine-a");
      assertThat(report.version()).isEqualTo("v-t6");
      assertThat(report.offset()).isEqualTo(1);
      assertThat(report.reason()).contains("window_length");

      // A newer publication that serves clears the refusal (a tombstone for its key).
      assertThat(watcher.apply(RolloutFixtures.published(v3, ModelRole.PRIMARY, 2))).isTrue();
      assertThat(models.modelVersion()).isEqualTo("v3");
      assertThat(producer.history()).hasSize(2);
      assertThat(producer.history().get(1).key()).isEqualTo("refused/engine-a/primary");
      assertThat(producer.history().get(1).value()).isNull();
    } finally {
      models.close();
    }
    assertThat(producer.closed()).as("the watcher closes its producer").isTrue();
  }

  @Test
  void theTopicsContentsListTheNewestRefusalPerInstanceAndRole() throws Exception {
    Path v2 = RolloutFixtures.export(tmp.resolve("v2"), TestModels.SPEC, "v2");
    RefusalReport a =
        new RefusalReport("a", ModelRole.PRIMARY, "v-t6", 1, Instant.now(), "features differ");
    RefusalReport b =
        new RefusalReport("b", ModelRole.PRIMARY, "v-t6", 1, Instant.now(), "features differ");
    MockConsumer<String, byte[]> consumer =
        topicWith(
            4,
            r -> {
              r.add(publication(v2, ModelRole.PRIMARY));
              r.add(ModelsTopic.refusal(TOPIC, a));
              r.add(ModelsTopic.refusal(TOPIC, b));
              r.add(ModelsTopic.refusalCleared(TOPIC, "a", ModelRole.PRIMARY));
            });

    ModelsTopic.Contents contents =
        ModelsTopic.readContents(consumer, TOPIC, Duration.ofSeconds(10));

    assertThat(contents.published()).extracting(PublishedModel::modelVersion).containsExactly("v2");
    assertThat(contents.refusals()).containsExactly(b);
  }

  private static ProducerRecord<String, byte[]> publication(Path dir, ModelRole role) {
    byte[] archive = ModelArchive.pack(dir);
    return ModelsTopic.record(TOPIC, role, ModelArchive.card(archive), archive, Instant.now());
  }

  /** The records {@code fill} adds, at offsets 0, 1, …: the topic holds {@code end} of them. */
  private static MockConsumer<String, byte[]> topicWith(
      long end, java.util.function.Consumer<List<ProducerRecord<String, byte[]>>> fill) {
    MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    consumer.updatePartitions(
        TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), new Node[0], new Node[0])));
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    consumer.updateEndOffsets(Map.of(P0, end));
    consumer.schedulePollTask(
        () -> {
          List<ProducerRecord<String, byte[]>> records = new java.util.ArrayList<>();
          fill.accept(records);
          for (int offset = 0; offset < records.size(); offset++) {
            add(consumer, offset, records.get(offset));
          }
        });
    return consumer;
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
