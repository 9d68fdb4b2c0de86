package io.socstream.streams.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socstream.avro.DeadLetter;
import io.socstream.avro.DeadLetterReason;
import io.socstream.avro.EstimateStatus;
import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.core.serde.SpecificAvroSerializer;
import io.socstream.streams.cli.SocCli;
import io.socstream.streams.testing.SingleNodeKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tail} and {@code record} on the three topic types (SocEstimate, Telemetry, DeadLetter)
 * through a real in-process broker: JSON lines with Avro field names and numeric epoch-millisecond
 * timestamps, {@code --max} and {@code --idle-timeout} end it, and a recording of estimates or dead
 * letters keeps every value (but {@code replay} refuses it).
 */
class TailRecordIT {

  @RegisterExtension
  static final SingleNodeKafka KAFKA =
      new SingleNodeKafka(
          "tail-it",
          new NewTopic("battery.soc", 3, (short) 1),
          new NewTopic("battery.telemetry", 2, (short) 1),
          new NewTopic("battery.telemetry.dlq", 1, (short) 1));

  private static final String REGISTRY = KAFKA.registryUrl();
  private static final long T0 = Instant.parse("2018-10-29T14:26:11Z").toEpochMilli();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @BeforeAll
  static void produceRecords() throws Exception {
    List<SpecificRecord> estimates = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      estimates.add(estimate("cell-" + (i % 2), T0 + 1000L * i, i < 2));
    }
    produce("battery.soc", estimates);
    produce(
        "battery.telemetry",
        List.of(
            Telemetry.newBuilder()
                .setBatteryId("cell-0")
                .setTimestamp(Instant.ofEpochMilli(T0))
                .setVoltageV(3.9)
                .setCurrentA(-1.5)
                .setTemperatureC(25.0)
                .setReportedSoc(0.8)
                .build(),
            Telemetry.newBuilder()
                .setBatteryId("cell-1")
                .setTimestamp(Instant.ofEpochMilli(T0 + 1000))
                .setVoltageV(3.8)
                .setCurrentA(2.0)
                .setTemperatureC(24.5)
                .build()));
    produce(
        "battery.telemetry.dlq",
        List.of(
            DeadLetter.newBuilder()
                .setReason(DeadLetterReason.OUT_OF_BOUNDS)
                .setMessage("voltage_v 400.0 outside [2.0, 4.5]")
                .setSourceTopic("battery.telemetry")
                .setSourcePartition(1)
                .setSourceOffset(42)
                .setRecordTimestamp(Instant.ofEpochMilli(T0))
                .setOriginalKey(ByteBuffer.wrap("cell-9".getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(null)
                .setFailedAt(Instant.ofEpochMilli(T0 + 5))
                .build()));
  }

  @Test
  void tailPrintsEstimatesAsJsonLinesWithNumericTimestamps() throws Exception {
    Run r = cli("tail", "--topic", "battery.soc", "--from-beginning", "--max", "5");
    assertThat(r.code()).as(r.err()).isZero();
    List<JsonNode> lines = parse(r.out());
    assertThat(lines).hasSize(5);
    List<Long> timestamps = new ArrayList<>();
    for (JsonNode line : lines) {
      assertThat(fieldNames(line))
          .containsExactly(
              "battery_id",
              "timestamp",
              "soc",
              "soc_raw",
              "status",
              "model_version",
              "window_start",
              "window_end",
              "samples_used",
              "segment_samples",
              "warmup_horizon_ms",
              "inference_batch_size",
              "produced_at",
              "model_soc");
      assertThat(line.get("timestamp").isIntegralNumber()).isTrue();
      assertThat(line.get("window_start").isIntegralNumber()).isTrue();
      assertThat(line.get("produced_at").isIntegralNumber()).isTrue();
      long ts = line.get("timestamp").asLong();
      timestamps.add(ts);
      int i = (int) ((ts - T0) / 1000);
      assertThat(line.get("battery_id").asText()).isEqualTo("cell-" + (i % 2));
      assertThat(line.get("status").asText()).isEqualTo(i < 2 ? "WARMING_UP" : "OK");
      assertThat(line.get("soc").asDouble()).isEqualTo(0.5 + i / 100.0);
      assertThat(line.get("window_start").asLong()).isEqualTo(ts - 29_000);
    }
    assertThat(timestamps)
        .containsExactlyInAnyOrder(T0, T0 + 1000, T0 + 2000, T0 + 3000, T0 + 4000);
  }

  @Test
  void tailPrintsTelemetryAndDeadLetters() throws Exception {
    Run telemetry =
        cli("tail", "--topic", "battery.telemetry", "--from-beginning", "--idle-timeout", "2");
    assertThat(telemetry.code()).as(telemetry.err()).isZero();
    List<JsonNode> t = parse(telemetry.out());
    assertThat(t).hasSize(2);
    JsonNode cell0 =
        t.stream()
            .filter(n -> n.get("battery_id").asText().equals("cell-0"))
            .findAny()
            .orElseThrow();
    assertThat(cell0.toString())
        .isEqualTo(
            "{\"battery_id\":\"cell-0\",\"timestamp\":"
                + T0
                + ",\"voltage_v\":3.9,\"current_a\":-1.5,\"temperature_c\":25.0,"
                + "\"reported_soc\":0.8,\"pack_id\":null,\"vehicle_id\":null}");

    Run dlq = cli("tail", "--topic", "battery.telemetry.dlq", "--from-beginning", "--max", "1");
    assertThat(dlq.code()).as(dlq.err()).isZero();
    List<JsonNode> d = parse(dlq.out());
    assertThat(d).hasSize(1);
    JsonNode letter = d.get(0);
    assertThat(letter.get("reason").asText()).isEqualTo("OUT_OF_BOUNDS");
    assertThat(letter.get("source_offset").asLong()).isEqualTo(42);
    assertThat(letter.get("record_timestamp").isIntegralNumber()).isTrue();
    assertThat(letter.get("record_timestamp").asLong()).isEqualTo(T0);
    assertThat(letter.get("failed_at").asLong()).isEqualTo(T0 + 5);
    assertThat(letter.get("original_key").asText())
        .isEqualTo(Base64.getEncoder().encodeToString("cell-9".getBytes(StandardCharsets.UTF_8)));
    assertThat(letter.get("original_value").isNull()).isTrue();
  }

  @Test
  void idleTimeoutEndsATailThatSeesNothingNew() {
    long start = System.nanoTime();
    Run r = cli("tail", "--topic", "battery.soc", "--idle-timeout", "1.5");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(seconds).isBetween(1.5, 20.0);
  }

  @Test
  void maxEndsATailBeforeTheTopicIsExhausted() throws Exception {
    Run r = cli("tail", "--topic", "battery.soc", "--from-beginning", "--max", "2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(parse(r.out())).hasSize(2);
  }

  @Test
  void recordKeepsEstimatesAndDeadLettersAndReplayRefusesThem() throws Exception {
    Path soc = dir.resolve("soc.avro");
    Run rec =
        cli(
            "record",
            "--topic",
            "battery.soc",
            "--out",
            soc.toString(),
            "--from-beginning",
            "--until-idle",
            "2");
    assertThat(rec.code()).as(rec.err()).isZero();
    List<TopicRecording.Entry> entries = TopicRecording.read(soc);
    assertThat(entries).hasSize(5);
    assertThat(TopicRecording.valueSchema(soc).getFullName())
        .isEqualTo("io.socstream.avro.SocEstimate");
    for (TopicRecording.Entry e : entries) {
      GenericRecord v = e.value();
      assertThat(e.key()).isEqualTo(v.get("battery_id").toString());
      assertThat(e.topic()).isEqualTo("battery.soc");
      assertThat(v.get("window_end")).isEqualTo(v.get("timestamp"));
    }
    assertThat(entries.stream().map(e -> e.value().get("timestamp")).toList())
        .containsExactlyInAnyOrder(T0, T0 + 1000, T0 + 2000, T0 + 3000, T0 + 4000);

    Path dlq = dir.resolve("dlq.avro");
    Run recDlq =
        cli(
            "record",
            "--topic",
            "battery.telemetry.dlq",
            "--out",
            dlq.toString(),
            "--from-beginning",
            "--until-idle",
            "2");
    assertThat(recDlq.code()).as(recDlq.err()).isZero();
    List<TopicRecording.Entry> letters = TopicRecording.read(dlq);
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).value().get("reason").toString()).isEqualTo("OUT_OF_BOUNDS");
    assertThat(letters.get(0).value().get("message").toString()).contains("400.0");

    Run replay =
        cli("replay", "--input", soc.toString(), "--topic", "battery.telemetry", "--max-speed");
    assertThat(replay.code()).isEqualTo(SocCli.FAILED);
    assertThat(replay.err().strip())
        .doesNotContain("\n")
        .startsWith("soc replay: " + soc)
        .contains("io.socstream.avro.SocEstimate", "telemetry only");
  }

  private static SocEstimate estimate(String battery, long t, boolean warmingUp) {
    int i = (int) ((t - T0) / 1000);
    return SocEstimate.newBuilder()
        .setBatteryId(battery)
        .setTimestamp(Instant.ofEpochMilli(t))
        .setSoc(0.5 + i / 100.0)
        .setSocRaw(0.5 + i / 100.0)
        .setStatus(warmingUp ? EstimateStatus.WARMING_UP : EstimateStatus.OK)
        .setModelVersion("test-model")
        .setWindowStart(Instant.ofEpochMilli(t - 29_000))
        .setWindowEnd(Instant.ofEpochMilli(t))
        .setSamplesUsed(30)
        .setSegmentSamples(600 + i)
        .setWarmupHorizonMs(500_000)
        .setInferenceBatchSize(1)
        .setProducedAt(Instant.ofEpochMilli(t + 7))
        .build();
  }

  // A failed send shows as a missing record in the test's own assertions.
  @SuppressWarnings("FutureReturnValueIgnored")
  private static void produce(String topic, List<? extends SpecificRecord> values) {
    SpecificAvroSerializer<SpecificRecord> serializer = new SpecificAvroSerializer<>();
    serializer.configure(Map.of("schema.registry.url", REGISTRY), false);
    try (KafkaProducer<String, SpecificRecord> producer =
        new KafkaProducer<>(
            TelemetryReplayer.producerConfig(KAFKA.bootstrapServers(), false),
            new StringSerializer(),
            serializer)) {
      for (SpecificRecord v : values) {
        Object id = v.get(0);
        String key = id instanceof CharSequence c ? c.toString() : "dlq";
        producer.send(new ProducerRecord<>(topic, key, v));
      }
      producer.flush();
    }
  }

  private record Run(int code, String out, String err) {}

  private static Run cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--bootstrap-servers", KAFKA.bootstrapServers(), "--registry", REGISTRY));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        SocCli.execute(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private static List<JsonNode> parse(String out) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.lines().toList()) {
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
