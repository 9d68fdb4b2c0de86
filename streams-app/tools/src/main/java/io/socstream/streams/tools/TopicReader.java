package io.socstream.streams.tools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/** Group-less consumers over every partition of one topic (no offsets are committed). */
public final class TopicReader {

  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  private TopicReader() {}

  /** Consumer settings: read_committed, no group, no auto commit. */
  public static Properties consumerConfig(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "soc-tools");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    return p;
  }

  /** Assigns every partition of {@code topic}; fails when the topic does not exist. */
  public static List<TopicPartition> assignAll(KafkaConsumer<?, ?> consumer, String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalArgumentException("Topic '" + topic + "' does not exist");
    }
    List<TopicPartition> partitions = new ArrayList<>();
    infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
    consumer.assign(partitions);
    return partitions;
  }

  /**
   * Everything {@code topic} holds now, as raw bytes, partition after partition in offset order.
   */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(
      String bootstrapServers, String topic) {
    Deserializer<byte[]> bytes = new org.apache.kafka.common.serialization.ByteArrayDeserializer();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(consumerConfig(bootstrapServers), bytes, bytes)) {
      List<TopicPartition> partitions = assignAll(consumer, topic);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      while (!reached(consumer, end)) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey(), METADATA_TIMEOUT) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
