package io.socstream.streams.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replayed telemetry keeps its recorded (2018) timestamps; the development broker must keep such
 * records past its retention checks. A control topic with Kafka's usual 7-day retention on the same
 * broker proves the checks really ran: its records go, the auto-created topic's stay.
 */
class LocalKafkaBrokerRetentionIT {

  private static final long MARCH_2018 = Instant.parse("2018-03-01T12:00:00Z").toEpochMilli();
  private static final int RECORDS = 120;

  @TempDir Path dir;

  @Test
  void recordsFrom2018OutliveTheRetentionCheck() throws Exception {
    Map<String, String> fastChecks =
        Map.of("log.retention.check.interval.ms", "300", "log.initial.task.delay.ms", "0");
    try (LocalKafkaBroker broker =
            LocalKafkaBroker.create(dir, "localhost", 0, fastChecks).start();
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic("seven-days", 1, (short) 1)
                      .configs(
                          Map.of("retention.ms", Long.toString(Duration.ofDays(7).toMillis())))))
          .all()
          .get();
      // "replayed" does not exist yet: a producer's metadata request auto-creates it.
      autoCreate(broker.bootstrapServers(), admin, "replayed");
      produce(broker.bootstrapServers(), "replayed");
      produce(broker.bootstrapServers(), "seven-days");

      awaitEarliestOffset(admin, new TopicPartition("seven-days", 0), RECORDS);

      int partitions =
          admin
              .describeTopics(List.of("replayed"))
              .allTopicNames()
              .get()
              .get("replayed")
              .partitions()
              .size();
      assertThat(partitions).isEqualTo(LocalKafkaBroker.DEFAULT_PARTITIONS);
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "replayed");
      Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
      assertThat(config.get("retention.ms").value()).isEqualTo("-1");
      assertThat(config.get("retention.bytes").value()).isEqualTo("-1");

      List<ConsumerRecord<byte[], byte[]>> kept =
          TopicReader.readAll(broker.bootstrapServers(), "replayed");
      assertThat(kept).hasSize(RECORDS);
      assertThat(kept.stream().map(ConsumerRecord::timestamp).collect(Collectors.toSet()))
          .allMatch(t -> t >= MARCH_2018 && t < MARCH_2018 + RECORDS * 1000L);
      assertThat(
              kept.stream()
                  .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                  .collect(Collectors.toSet()))
          .hasSize(RECORDS);
    }
  }

  private static void produce(String bootstrapServers, String topic) throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < RECORDS; i++) {
        byte[] key = ("cell-" + (i % 7)).getBytes(StandardCharsets.UTF_8);
        byte[] value = ("reading-" + i).getBytes(StandardCharsets.UTF_8);
        sent.add(
            producer.send(new ProducerRecord<>(topic, null, MARCH_2018 + i * 1000L, key, value)));
      }
      for (Future<?> f : sent) {
        f.get();
      }
    }
  }

  /**
   * Auto-creates {@code topic} by asking a producer for its partitions, then waits until every
   * partition's leader serves requests. Producing at once races the new leaders: Kafka 4.3.1 can
   * answer the first batch NOT_LEADER_OR_FOLLOWER and accept the next one, after which the retried
   * first batch is OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout (seen here).
   */
  private static void autoCreate(String bootstrapServers, Admin admin, String topic)
      throws Exception {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.partitionsFor(topic);
    }
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < LocalKafkaBroker.DEFAULT_PARTITIONS; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        admin.listOffsets(latest).all().get();
        return;
      } catch (ExecutionException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /** Waits until retention has deleted everything before {@code offset} in {@code partition}. */
  private static void awaitEarliestOffset(Admin admin, TopicPartition partition, long offset)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    long earliest = 0;
    while (System.nanoTime() < deadline) {
      earliest =
          admin
              .listOffsets(Map.of(partition, OffsetSpec.earliest()))
              .all()
              .get()
              .get(partition)
              .offset();
      if (earliest >= offset) {
        return;
      }
      Thread.sleep(200);
    }
    assertThat(earliest).as("earliest offset of the 7-day control topic").isEqualTo(offset);
  }
}
