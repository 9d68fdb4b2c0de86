package io.socstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.avro.DeadLetter;
import io.socstream.avro.DeadLetterReason;
import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.core.data.LgCsvReader;
import io.socstream.core.data.RecordedCycle;
import io.socstream.core.features.Sample;
import io.socstream.core.serde.MockSchemaRegistry;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.testing.TestClusters;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded LG HG2 drive cycle through a real (in-process KRaft) broker under exactly_once_v2:
 * estimates read read_committed equal the test driver's, dead letters arrive, and a stop plus a
 * restart on the same state directory continues without losing or repeating an estimate.
 */
class SocStreamsIT {

  private static final String SCOPE = "soc-it";
  private static KafkaClusterTestKit cluster;

  @TempDir Path dir;

  @BeforeAll
  static void startBroker() throws Exception {
    Map<String, String> keepForever = Map.of("retention.ms", "-1");
    cluster =
        TestClusters.startSingleNodeWithTopics(
            new NewTopic(TopologyNames.TELEMETRY_TOPIC, 2, (short) 1).configs(keepForever),
            new NewTopic(TopologyNames.SOC_TOPIC, 1, (short) 1).configs(keepForever),
            new NewTopic(TopologyNames.DLQ_TOPIC, 1, (short) 1).configs(keepForever));
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    MockSchemaRegistry.dropScope(SCOPE);
  }

  private Map<String, String> settings() {
    Map<String, String> s = new HashMap<>();
    s.put(SocStreamsConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    s.put(SocStreamsConfig.APPLICATION_ID, "soc-it");
    s.put(SocStreamsConfig.SCHEMA_REGISTRY_URL, MockSchemaRegistry.URL_PREFIX + SCOPE);
    s.put(SocStreamsConfig.STATE_DIR, dir.resolve("state").toString());
    s.put(SocStreamsConfig.MODEL_DIR, TestModels.modelDir().toString());
    s.put(SocStreamsConfig.BATCH_SIZE, "16");
    s.put(SocStreamsConfig.LINGER_MS, "50");
    s.put("kafka.commit.interval.ms", "200");
    return s;
  }

  private static List<Telemetry> cycle(String battery, int from, int to) throws Exception {
    RecordedCycle cycle;
    try (InputStream in =
        SocStreamsIT.class.getResourceAsStream("/fixtures/601_Mixed1_n10degC_head720.csv")) {
      cycle = LgCsvReader.read(in, "601_Mixed1_n10degC_head720");
    }
    List<Telemetry> out = new ArrayList<>();
    for (Sample s : cycle.samples().subList(from, to)) {
      out.add(
          TopologyFixture.sample(
              battery, s.timestampMs(), s.voltage(), s.current(), s.temperature()));
    }
    return out;
  }

  @Test
  void recordedCycleExactlyOnceWithDeadLettersAndARestart() throws Exception {
    SocStreamsConfig config = SocStreamsConfig.of(settings());
    Map<String, Object> serde = config.serdeConfig();
    List<Telemetry> firstHalf = new ArrayList<>();
    List<Telemetry> secondHalf = new ArrayList<>();
    for (String battery : List.of("cell-1", "cell-2")) {
      firstHalf.addAll(cycle(battery, 0, 150));
      secondHalf.addAll(cycle(battery, 150, 300));
    }
    Telemetry nan =
        TopologyFixture.sample(
            "cell-1", firstHalf.get(10).getTimestamp().toEpochMilli(), Double.NaN, 0, 0);

    produce(serde, firstHalf, List.of(new byte[] {9, 9, 9}), nan);
    List<SocEstimate> estimates = new ArrayList<>();
    try (SocStreamsApp app = SocStreamsApp.create(config)) {
      app.start();
      awaitRunning(app.streams());
      estimates.addAll(
          read(
              TopologyNames.SOC_TOPIC,
              AvroSerdes.socEstimate(serde).deserializer(),
              2 * (150 - 4),
              0));
    }

    produce(serde, secondHalf, List.of(), null);
    try (SocStreamsApp app = SocStreamsApp.create(config)) {
      app.start();
      awaitRunning(app.streams());
      estimates.addAll(
          read(
              TopologyNames.SOC_TOPIC,
              AvroSerdes.socEstimate(serde).deserializer(),
              2 * 150,
              estimates.size()));
    }

    int t = TestModels.SPEC.windowLength();
    assertThat(estimates).hasSize(2 * (300 - t + 1));
    // The same input through the test driver, uninterrupted.
    List<SocEstimate> expected;
    try (TopologyFixture f =
        TopologyFixture.start(dir.resolve("ttd"), Map.of(SocStreamsConfig.LINGER_MS, "0"))) {
      firstHalf.forEach(f::pipe);
      secondHalf.forEach(f::pipe);
      expected = f.estimates();
    }
    for (String battery : List.of("cell-1", "cell-2")) {
      List<SocEstimate> got = ofBattery(estimates, battery);
      List<SocEstimate> want = ofBattery(expected, battery);
      assertThat(got).hasSameSizeAs(want);
      for (int i = 0; i < want.size(); i++) {
        assertThat(got.get(i).getWindowEnd()).isEqualTo(want.get(i).getWindowEnd());
        assertThat(got.get(i).getStatus()).isEqualTo(want.get(i).getStatus());
        // Batches of up to 16 here, of 1 in the driver: equal to float round-off.
        assertThat(got.get(i).getSocRaw())
            .isCloseTo(want.get(i).getSocRaw(), org.assertj.core.api.Assertions.within(1e-6));
      }
    }

    List<DeadLetter> dead =
        read(TopologyNames.DLQ_TOPIC, AvroSerdes.deadLetter(serde).deserializer(), 2, 0);
    assertThat(dead)
        .extracting(DeadLetter::getReason)
        .containsExactlyInAnyOrder(
            DeadLetterReason.DESERIALIZATION_ERROR, DeadLetterReason.NOT_FINITE);
  }

  /**
   * The committed test-cycle slice ({@link DriveCycle}) produced to its own telemetry topic: every
   * window gives one committed estimate, and their MAE against the CSV's SOC label is the offline
   * {@code ./soc predict} path's (within 1e-6).
   */
  @Test
  void testCycleSliceGivesTheOfflineMae() throws Exception {
    String in = "parity.telemetry";
    String out = "parity.soc";
    String dlq = "parity.telemetry.dlq";
    try (Admin admin = cluster.admin()) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(in, 2, (short) 1),
                  new NewTopic(out, 1, (short) 1),
                  new NewTopic(dlq, 1, (short) 1)))
          .all()
          .get();
    }
    Map<String, String> s = settings();
    s.put(SocStreamsConfig.APPLICATION_ID, "soc-it-parity");
    s.put(SocStreamsConfig.STATE_DIR, dir.resolve("parity-state").toString());
    s.put(SocStreamsConfig.MODEL_DIR, DriveCycle.modelDir().toString());
    s.put(SocStreamsConfig.TELEMETRY_TOPIC, in);
    s.put(SocStreamsConfig.SOC_TOPIC, out);
    s.put(SocStreamsConfig.DLQ_TOPIC, dlq);
    s.put(SocStreamsConfig.BATCH_SIZE, "64");
    SocStreamsConfig config = SocStreamsConfig.of(s);
    Map<String, Object> serde = config.serdeConfig();

    DriveCycle.Offline offline = DriveCycle.offline(DriveCycle.modelDir());
    produce(serde, in, DriveCycle.telemetry("cell-551"));
    List<SocEstimate> estimates;
    try (SocStreamsApp app = SocStreamsApp.create(config)) {
      app.start();
      awaitRunning(app.streams());
      estimates = read(out, AvroSerdes.socEstimate(serde).deserializer(), offline.count(), 0);
    }

    assertThat(estimates).hasSize(offline.count());
    double[] soc = new double[offline.count()];
    for (int w = 0; w < offline.count(); w++) {
      assertThat(estimates.get(w).getTimestamp().toEpochMilli()).isEqualTo(offline.timestamps()[w]);
      // The model's own estimate: the offline predict path's (soc is fused when the card says so).
      soc[w] = estimates.get(w).getModelSoc();
    }
    double streamedMae = DriveCycle.meanAbsoluteError(offline.truth(), soc);
    assertThat(streamedMae).isCloseTo(offline.mae(), org.assertj.core.api.Assertions.within(1e-6));
    assertThat(read(dlq, AvroSerdes.deadLetter(serde).deserializer(), 0, 0)).isEmpty();
  }

  private static void produce(Map<String, Object> serde, String topic, List<Telemetry> records)
      throws Exception {
    Serializer<Telemetry> values = AvroSerdes.telemetry(serde).serializer();
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
    for (Telemetry t : records) {
      out.add(
          new ProducerRecord<>(
              topic,
              null,
              t.getTimestamp().toEpochMilli(),
              t.getBatteryId().getBytes(StandardCharsets.UTF_8),
              values.serialize(topic, t)));
    }
    send(out);
  }

  private static List<SocEstimate> ofBattery(List<SocEstimate> all, String battery) {
    return all.stream().filter(e -> e.getBatteryId().equals(battery)).toList();
  }

  private static void produce(
      Map<String, Object> serde, List<Telemetry> records, List<byte[]> garbage, Telemetry bad)
      throws Exception {
    Serializer<Telemetry> values = AvroSerdes.telemetry(serde).serializer();
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
    for (byte[] g : garbage) {
      out.add(new ProducerRecord<>(TopologyNames.TELEMETRY_TOPIC, null, g));
    }
    if (bad != null) {
      out.add(record(bad, values));
    }
    for (Telemetry t : records) {
      out.add(record(t, values));
    }
    send(out);
  }

  /** Sends {@code records} in order (idempotent producer) and fails if any send failed. */
  private static void send(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (ProducerRecord<byte[], byte[]> r : records) {
        acks.add(producer.send(r));
      }
      producer.flush();
    }
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
  }

  private static ProducerRecord<byte[], byte[]> record(Telemetry t, Serializer<Telemetry> values) {
    return new ProducerRecord<>(
        TopologyNames.TELEMETRY_TOPIC,
        null,
        t.getTimestamp().toEpochMilli(),
        t.getBatteryId().getBytes(StandardCharsets.UTF_8),
        values.serialize(TopologyNames.TELEMETRY_TOPIC, t));
  }

  private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (streams.state() != KafkaStreams.State.RUNNING && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
  }

  /** Reads {@code count} committed records of {@code topic} after skipping {@code skip}. */
  private static <V> List<V> read(String topic, Deserializer<V> values, int count, int skip) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<V> out = new ArrayList<>();
    try (KafkaConsumer<byte[], V> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), values)) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plusSeconds(120);
      int seen = 0;
      while (out.size() < count && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<byte[], V> r : consumer.poll(Duration.ofMillis(200))) {
          if (seen++ >= skip) {
            out.add(r.value());
          }
        }
      }
      // A little longer: nothing beyond the expected count may arrive (no duplicates).
      Instant settle = Instant.now().plusSeconds(2);
      while (Instant.now().isBefore(settle)) {
        for (ConsumerRecord<byte[], V> r : consumer.poll(Duration.ofMillis(200))) {
          if (seen++ >= skip) {
            out.add(r.value());
          }
        }
      }
    }
    return out;
  }
}
