package io.socstream.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.serde.MockSchemaRegistry;
import io.socstream.streams.AvroSerdes;
import io.socstream.streams.SocStreamsApp;
import io.socstream.streams.TestModels;
import io.socstream.streams.TopologyFixture;
import io.socstream.streams.TopologyNames;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.rollout.RolloutFixtures;
import io.socstream.streams.testing.TestClusters;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 * Model rollout on a real (in-process KRaft) broker under exactly_once_v2 with two engine
 * instances: {@code ./soc models publish} of v2 while telemetry flows makes both instances swap;
 * the estimates' {@code model_version} follows the publication (per battery: the first version,
 * then only v2), one estimate per window, none lost or doubled; a model for another window length
 * is refused by both and v2 keeps running; {@code ./soc models list} shows the publications and
 * both instances' refusals; an instance restarted on its local state after all that starts with v2
 * (the newest publication it accepts) and goes on from its state. Prints the time from publish to
 * the first v2 estimate.
 */
class ModelRolloutIT {

  private static final String SCOPE = "rollout-it";
  private static final List<String> BATTERIES = List.of("cell-1", "cell-2", "cell-3", "cell-4");
  private static KafkaClusterTestKit cluster;

  @TempDir static Path models;
  @TempDir Path dir;

  @BeforeAll
  static void startBroker() throws Exception {
    Map<String, String> keep = Map.of("retention.ms", "-1");
    cluster =
        TestClusters.startSingleNodeWithTopics(
            new NewTopic(TopologyNames.TELEMETRY_TOPIC, 2, (short) 1).configs(keep),
            new NewTopic(TopologyNames.SOC_TOPIC, 1, (short) 1).configs(keep),
            new NewTopic(TopologyNames.DLQ_TOPIC, 1, (short) 1).configs(keep),
            new NewTopic("battery.soc.shadow", 1, (short) 1).configs(keep));
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    MockSchemaRegistry.dropScope(SCOPE);
  }

  private SocStreamsConfig config(String instance) {
    Map<String, String> s = new HashMap<>();
    s.put(SocStreamsConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    s.put(SocStreamsConfig.APPLICATION_ID, "rollout-it");
    s.put(SocStreamsConfig.SCHEMA_REGISTRY_URL, MockSchemaRegistry.URL_PREFIX + SCOPE);
    s.put(SocStreamsConfig.STATE_DIR, dir.resolve(instance).toString());
    s.put(SocStreamsConfig.INSTANCE_ID, instance);
    s.put(SocStreamsConfig.MODEL_DIR, TestModels.modelDir().toString());
    s.put(SocStreamsConfig.BATCH_SIZE, "16");
    s.put(SocStreamsConfig.LINGER_MS, "20");
    s.put("kafka.commit.interval.ms", "100");
    return SocStreamsConfig.of(s);
  }

  @Test
  void publishSwapsBothInstancesAndTheOutputVersionFollows() throws Exception {
    Path v2 = RolloutFixtures.export(models.resolve("v2"), TestModels.SPEC, "v2");
    Path t6 =
        RolloutFixtures.export(
            models.resolve("t6"), new FeatureSpec(6, List.of(10), 5_000L), "v-t6");
    SocStreamsConfig first = config("a");
    Map<String, Object> serde = first.serdeConfig();
    int steps = 60;
    List<SocEstimate> estimates = new CopyOnWriteArrayList<>();
    AtomicBoolean reading = new AtomicBoolean(true);
    Thread reader =
        new Thread(
            () -> readInto(estimates, AvroSerdes.socEstimate(serde).deserializer(), reading));
    int restartedFrom;
    SocStreamsApp a = SocStreamsApp.create(first);
    try (SocStreamsApp b = SocStreamsApp.create(config("b"))) {
      for (SocStreamsApp app : List.of(a, b)) {
        app.followModels(Duration.ofSeconds(30));
        app.start();
      }
      awaitRunning(a.streams());
      awaitRunning(b.streams());
      reader.start();

      produce(serde, 0, 20, 0);
      awaitCount(estimates, BATTERIES.size() * (20 - 4));

      Instant published = Instant.now();
      assertThat(
              cli(
                  "models",
                  "publish",
                  "--model",
                  v2.toString(),
                  "--bootstrap-servers",
                  bootstrap()))
          .contains("Published model v2 as primary to soc.models");
      Instant publishedReturned = Instant.now();
      // Telemetry keeps flowing (one step of every battery per 50 ms) while the engines swap.
      produce(serde, 20, steps, 50);
      awaitCount(estimates, BATTERIES.size() * (steps - 4));

      assertThat(a.modelVersion()).isEqualTo("v2");
      assertThat(b.modelVersion()).isEqualTo("v2");
      SocEstimate firstV2 =
          estimates.stream()
              .filter(e -> e.getModelVersion().equals("v2"))
              .findFirst()
              .orElseThrow();
      System.out.printf(
          "ROLLOUT publish -> first v2 estimate: %d ms from the publish call (which took %d ms incl."
              + " validation), %d ms from its return%n",
          Duration.between(published, firstV2.getProducedAt()).toMillis(),
          Duration.between(published, publishedReturned).toMillis(),
          Duration.between(publishedReturned, firstV2.getProducedAt()).toMillis());

      // A model for another window length: both refuse it, v2 keeps running.
      assertThat(
              cli(
                  "models",
                  "publish",
                  "--model",
                  t6.toString(),
                  "--bootstrap-servers",
                  bootstrap()))
          .contains("Published model v-t6");
      awaitRefusals(a);
      awaitRefusals(b);
      produce(serde, steps, steps + 10, 0);
      awaitCount(estimates, BATTERIES.size() * (steps + 10 - 4));
      assertThat(a.modelVersion()).isEqualTo("v2");

      String list = awaitListedRefusals("a", "b");
      System.out.println(list);
      assertThat(list).contains("v2").contains("v-t6").contains("T=5").contains("T=6");

      // A restart on the same local state: the newest publication (v-t6) is refused again, the
      // instance falls back to v2, as the running instance b serves, and resumes its batteries.
      a.close();
      a = SocStreamsApp.create(config("a"));
      a.followModels(Duration.ofSeconds(30));
      assertThat(a.modelVersion()).isEqualTo("v2");
      a.start();
      awaitRunning(a.streams());
      restartedFrom = estimates.size();
      produce(serde, steps + 10, steps + 20, 0);
      awaitCount(estimates, BATTERIES.size() * (steps + 20 - 4));
    } finally {
      a.close();
      Thread.sleep(1000);
      reading.set(false);
      reader.join(10_000);
    }

    assertThat(estimates.subList(restartedFrom, estimates.size()))
        .extracting(e -> e.getModelVersion().toString())
        .containsOnly("v2");
    int total = BATTERIES.size() * (steps + 20 - 4);
    assertThat(estimates).hasSize(total);
    Set<String> windows = new HashSet<>();
    for (SocEstimate e : estimates) {
      assertThat(windows.add(e.getBatteryId() + "@" + e.getWindowEnd())).isTrue();
    }
    for (String battery : BATTERIES) {
      List<String> versions =
          estimates.stream()
              .filter(e -> e.getBatteryId().equals(battery))
              .map(e -> e.getModelVersion().toString())
              .toList();
      int firstV2 = versions.indexOf("v2");
      assertThat(firstV2).as(battery).isPositive();
      assertThat(versions.subList(0, firstV2)).containsOnly("tiny-test-model");
      assertThat(versions.subList(firstV2, versions.size())).containsOnly("v2");
    }
  }

  /** {@code models list} once it shows the refusals of every one of {@code instances}. */
  private static String awaitListedRefusals(String... instances) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      String list = cli("models", "list", "--bootstrap-servers", bootstrap());
      String refused =
          list.contains("Refused by") ? list.substring(list.indexOf("Refused by")) : "";
      boolean all = true;
      for (String instance : instances) {
        all &=
            refused
                .lines()
                .anyMatch(l -> l.strip().startsWith(instance + " ") && l.contains("v-t6"));
      }
      if (all) {
        return list;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "models list shows no refusal of v-t6 by " + List.of(instances) + ":\n" + list);
      }
      Thread.sleep(200);
    }
  }

  private static void awaitRefusals(SocStreamsApp app) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      Object refused = app.followModels(Duration.ofSeconds(1)).view().get("refused");
      if (refused instanceof List<?> l && !l.isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no refusal within 60 s");
  }

  private static String bootstrap() {
    return cluster.bootstrapServers();
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SocCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as("soc %s: %s", String.join(" ", args), err).isZero();
    return out.toString();
  }

  private static void produce(Map<String, Object> serde, int from, int to, long pauseMs)
      throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    Serializer<Telemetry> values = AvroSerdes.telemetry(serde).serializer();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (int n = from; n < to; n++) {
        for (String battery : BATTERIES) {
          Telemetry t = TopologyFixture.step(battery, n);
          sent.add(
              producer.send(
                  new ProducerRecord<>(
                      TopologyNames.TELEMETRY_TOPIC,
                      null,
                      t.getTimestamp().toEpochMilli(),
                      battery.getBytes(StandardCharsets.UTF_8),
                      values.serialize(TopologyNames.TELEMETRY_TOPIC, t))));
        }
        producer.flush();
        for (var f : sent) {
          f.get();
        }
        sent.clear();
        if (pauseMs > 0) {
          Thread.sleep(pauseMs);
        }
      }
    }
  }

  private static void readInto(
      List<SocEstimate> out, Deserializer<SocEstimate> values, AtomicBoolean reading) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], SocEstimate> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), values)) {
      consumer.subscribe(List.of(TopologyNames.SOC_TOPIC));
      while (reading.get()) {
        List<SocEstimate> batch = new ArrayList<>();
        for (ConsumerRecord<byte[], SocEstimate> r : consumer.poll(Duration.ofMillis(100))) {
          batch.add(r.value());
        }
        out.addAll(batch);
      }
    }
  }

  private static void awaitCount(List<SocEstimate> estimates, int count)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(120);
    while (estimates.size() < count && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(estimates.size()).isGreaterThanOrEqualTo(count);
  }

  private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(90);
    while (streams.state() != KafkaStreams.State.RUNNING && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
  }
}
