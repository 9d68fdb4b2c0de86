package io.socstream.streams.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development broker: formats a new directory, takes a transactional (exactly-once) write on
 * its single node, and after a stop and a restart on the same directory still has the topic and the
 * record.
 */
class LocalKafkaBrokerIT {

  @TempDir Path dir;

  @Test
  void transactionalWriteSurvivesRestart() throws Exception {
    try (LocalKafkaBroker broker = LocalKafkaBroker.create(dir, "localhost", 0).start()) {
      assertThat(broker.bootstrapServers()).startsWith("localhost:");
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
      }
      Map<String, Object> p =
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
              broker.bootstrapServers(),
              ProducerConfig.TRANSACTIONAL_ID_CONFIG,
              "it-tx");
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("t", null, 1_700_000_000_000L, "k", "v")).get();
        producer.commitTransaction();
      }
    }
    try (LocalKafkaBroker again = LocalKafkaBroker.create(dir, "localhost", 0).start()) {
      Properties c = TopicReader.consumerConfig(again.bootstrapServers());
      try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
        consumer.seekToBeginning(TopicReader.assignAll(consumer, "t"));
        ConsumerRecord<String, String> got = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (got == null && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
            got = r;
          }
        }
        assertThat(got).isNotNull();
        assertThat(got.key()).isEqualTo("k");
        assertThat(got.value()).isEqualTo("v");
        assertThat(got.timestamp()).isEqualTo(1_700_000_000_000L);
      }
    }
  }
}
