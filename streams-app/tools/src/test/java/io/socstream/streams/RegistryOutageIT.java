package io.socstream.streams;

import static io.socstream.streams.TopologyFixture.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.core.serde.ConfluentWireFormat;
import io.socstream.core.serde.RestSchemaRegistryClient;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.registry.SchemaRegistryServer;
import io.socstream.streams.testing.TestClusters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
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
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema registry frozen mid-stream: records written with a schema id that is registered but
 * not yet cached by the engine arrive while the registry is down. They must not be dead-lettered;
 * once the registry is back (same port, same schemas) they are estimated, exactly as without the
 * outage.
 */
class RegistryOutageIT {

  private static final String IN = "outage.telemetry";
  private static final String OUT = "outage.soc";
  private static final String DLQ = "outage.telemetry.dlq";
  private static final String BATTERY = "cell-1";
  private static final int FIRST = 20;
  private static final int ALL = 40;

  @TempDir Path dir;

  @Test
  void recordsArrivingWhileTheRegistryIsDownWaitAndAreEstimatedWhenItIsBack() throws Exception {
    int t = TestModels.SPEC.windowLength();
    KafkaClusterTestKit cluster =
        TestClusters.startSingleNodeWithTopics(
            new NewTopic(IN, 1, (short) 1),
            new NewTopic(OUT, 1, (short) 1),
            new NewTopic(DLQ, 1, (short) 1));
    try {
      Path registryDir = dir.resolve("registry");
      SchemaRegistryServer registry = SchemaRegistryServer.start(registryDir, "localhost", 0);
      int port = registry.port();
      SocStreamsConfig config = SocStreamsConfig.of(settings(cluster, registry.url()));
      Map<String, Object> serde = config.serdeConfig();
      List<Telemetry> samples = new ArrayList<>();
      for (int n = 0; n < ALL; n++) {
        samples.add(step(BATTERY, n));
      }
      // A second, compatible writer schema: registered now, but the engine has never read it.
      Schema evolved = withOptionalNote(Telemetry.getClassSchema());
      int evolvedId =
          new RestSchemaRegistryClient(
                  registry.url(), null, Duration.ofSeconds(2), Duration.ofSeconds(2))
              .register(IN + "-value", evolved);

      // Created once and used before the outage: the test's reader must not need the registry.
      Deserializer<SocEstimate> socValues = AvroSerdes.socEstimate(serde).deserializer();
      produce(cluster, serde, samples.subList(0, FIRST), -1, null);
      try (SocStreamsApp app = SocStreamsApp.create(config)) {
        app.deadLetterSchema().register();
        app.start();
        awaitRunning(app.streams());
        assertThat(read(cluster, OUT, socValues, FIRST - t + 1, 60)).hasSize(FIRST - t + 1);

        registry.close();
        produce(cluster, serde, samples.subList(FIRST, ALL), evolvedId, evolved);
        Thread.sleep(6_000);
        assertThat(read(cluster, OUT, new ByteArrayDeserializer(), Integer.MAX_VALUE, 3))
            .as("nothing estimated while the registry is down")
            .hasSize(FIRST - t + 1);
        assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);

        registry = SchemaRegistryServer.start(registryDir, "localhost", port);
        List<SocEstimate> estimates = read(cluster, OUT, socValues, ALL - t + 1, 60);

        List<SocEstimate> expected;
        try (TopologyFixture f =
            TopologyFixture.start(dir.resolve("ttd"), Map.of(SocStreamsConfig.LINGER_MS, "0"))) {
          samples.forEach(f::pipe);
          expected = f.estimates();
        }
        assertThat(estimates).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
          assertThat(estimates.get(i).getWindowEnd()).isEqualTo(expected.get(i).getWindowEnd());
          assertThat(estimates.get(i).getSocRaw())
              .isCloseTo(expected.get(i).getSocRaw(), within(1e-6));
        }
        assertThat(read(cluster, DLQ, new ByteArrayDeserializer(), Integer.MAX_VALUE, 3))
            .as("dead letters")
            .isEmpty();
      } finally {
        registry.close();
      }
    } finally {
      cluster.close();
    }
  }

  private Map<String, String> settings(KafkaClusterTestKit cluster, String registryUrl) {
    Map<String, String> s = new HashMap<>();
    s.put(SocStreamsConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    s.put(SocStreamsConfig.APPLICATION_ID, "soc-outage-it");
    s.put(SocStreamsConfig.SCHEMA_REGISTRY_URL, registryUrl);
    s.put(SocStreamsConfig.STATE_DIR, dir.resolve("state").toString());
    s.put(SocStreamsConfig.MODEL_DIR, TestModels.modelDir().toString());
    s.put(SocStreamsConfig.TELEMETRY_TOPIC, IN);
    s.put(SocStreamsConfig.SOC_TOPIC, OUT);
    s.put(SocStreamsConfig.DLQ_TOPIC, DLQ);
    s.put(SocStreamsConfig.LINGER_MS, "0");
    s.put("kafka.commit.interval.ms", "200");
    return s;
  }

  /** {@code base} with one more optional field: a compatible, distinct writer schema. */
  private static Schema withOptionalNote(Schema base) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : base.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    fields.add(
        new Schema.Field(
            "note",
            Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
            "free text (test only)",
            JsonProperties.NULL_VALUE));
    return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
  }

  /** Encodes {@code t} with {@code schema} (the evolved one) under {@code schemaId}. */
  private static byte[] encode(Telemetry t, Schema schema, int schemaId) throws IOException {
    GenericRecord r = new GenericData.Record(schema);
    for (Schema.Field f : Telemetry.getClassSchema().getFields()) {
      Object value = t.get(f.name());
      r.put(f.name(), value instanceof Instant i ? i.toEpochMilli() : value);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(r, encoder);
    encoder.flush();
    return ConfluentWireFormat.frame(schemaId, out.toByteArray());
  }

  // A failed send shows as a missing record in the test's own assertions.
  @SuppressWarnings("FutureReturnValueIgnored")
  private static void produce(
      KafkaClusterTestKit cluster,
      Map<String, Object> serde,
      List<Telemetry> records,
      int schemaId,
      Schema schema)
      throws IOException {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    var values = AvroSerdes.telemetry(serde).serializer();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Telemetry t : records) {
        byte[] value = schema == null ? values.serialize(IN, t) : encode(t, schema, schemaId);
        producer.send(
            new ProducerRecord<>(
                IN,
                null,
                t.getTimestamp().toEpochMilli(),
                t.getBatteryId().getBytes(StandardCharsets.UTF_8),
                value));
      }
      producer.flush();
    }
  }

  private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (streams.state() != KafkaStreams.State.RUNNING && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
  }

  /** Up to {@code count} committed records of {@code topic}, waiting at most {@code seconds}. */
  private static <V> List<V> read(
      KafkaClusterTestKit cluster, String topic, Deserializer<V> values, int count, int seconds) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<V> out = new ArrayList<>();
    try (KafkaConsumer<byte[], V> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), values)) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plusSeconds(seconds);
      while (out.size() < count && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<byte[], V> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
    }
    return out;
  }
}
