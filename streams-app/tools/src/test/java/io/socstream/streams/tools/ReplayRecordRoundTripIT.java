package io.socstream.streams.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.avro.Telemetry;
import io.socstream.core.serde.SpecificAvroDeserializer;
import io.socstream.streams.cli.SocCli;
import io.socstream.streams.testing.SingleNodeKafka;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV → {@code replay} → topic → {@code record} → file → {@code replay} → topic → {@code replay
 * --from-topic} → topic, through a real in-process broker: every hop keeps every record, its key,
 * its record timestamp, its value and the per-battery order.
 */
class ReplayRecordRoundTripIT {

  @RegisterExtension
  static final SingleNodeKafka KAFKA =
      new SingleNodeKafka(
          "replay-it",
          new NewTopic("telemetry.a", 2, (short) 1),
          new NewTopic("telemetry.b", 3, (short) 1),
          new NewTopic("telemetry.c", 1, (short) 1));

  private static final String REGISTRY = KAFKA.registryUrl();

  @TempDir Path dir;

  @Test
  void replayRecordReplayKeepsEveryRecordKeyAndTimestamp() throws Exception {
    Path csvA = fixture("551_Mixed1_25degC_head1280.csv");
    Path csvB = fixture("601_Mixed1_n10degC_head720.csv");
    List<Kept> expected = new ArrayList<>();
    for (Path csv : List.of(csvA, csvB)) {
      for (ReplayRecord r : ReplayInputs.fromCsv(csv, null)) {
        expected.add(new Kept(r.key(), r.timestampMs(), r.value()));
      }
    }
    assertThat(expected).hasSize(1280 + 720);
    assertThat(expected.get(0).key()).isEqualTo("551_Mixed1_25degC_head1280");

    cli(
        "replay",
        "--input",
        csvA.toString(),
        csvB.toString(),
        "--bootstrap-servers",
        KAFKA.bootstrapServers(),
        "--registry",
        REGISTRY,
        "--topic",
        "telemetry.a",
        "--max-speed");
    assertSameRecords(consume("telemetry.a", expected.size()), expected);

    Path recording = dir.resolve("rec/telemetry-a.avro");
    cli(
        "record",
        "--topic",
        "telemetry.a",
        "--out",
        recording.toString(),
        "--bootstrap-servers",
        KAFKA.bootstrapServers(),
        "--registry",
        REGISTRY,
        "--from-beginning",
        "--until-idle",
        "2");
    List<TelemetryRecording.Entry> entries = TelemetryRecording.read(recording);
    assertThat(entries).allSatisfy(e -> assertThat(e.topic()).isEqualTo("telemetry.a"));
    assertSameRecords(
        entries.stream().map(e -> new Kept(e.key(), e.timestampMs(), e.value())).toList(),
        expected);

    cli(
        "replay",
        "--input",
        recording.toString(),
        "--bootstrap-servers",
        KAFKA.bootstrapServers(),
        "--registry",
        REGISTRY,
        "--topic",
        "telemetry.b",
        "--max-speed");
    assertSameRecords(consume("telemetry.b", expected.size()), expected);

    cli(
        "replay",
        "--from-topic",
        "telemetry.b",
        "--bootstrap-servers",
        KAFKA.bootstrapServers(),
        "--topic",
        "telemetry.c",
        "--max-speed");
    assertSameRecords(consume("telemetry.c", expected.size()), expected);
  }

  private record Kept(String key, long timestampMs, Telemetry value) {}

  /** Same records as a multiset, and each key's records in the same order. */
  private static void assertSameRecords(List<Kept> actual, List<Kept> expected) {
    Comparator<Kept> order = Comparator.comparing(Kept::key).thenComparingLong(Kept::timestampMs);
    assertThat(actual).hasSameSizeAs(expected);
    assertThat(actual.stream().sorted(order).toList())
        .containsExactlyElementsOf(expected.stream().sorted(order).toList());
    assertThat(byKey(actual)).isEqualTo(byKey(expected));
  }

  private static Map<String, List<Long>> byKey(List<Kept> records) {
    Map<String, List<Long>> out = new LinkedHashMap<>();
    for (Kept k : records) {
      out.computeIfAbsent(k.key(), x -> new ArrayList<>()).add(k.timestampMs());
    }
    return out;
  }

  private static List<Kept> consume(String topic, int count) {
    SpecificAvroDeserializer<Telemetry> values = new SpecificAvroDeserializer<>(Telemetry.class);
    values.configure(Map.of("schema.registry.url", REGISTRY), false);
    List<Kept> out = new ArrayList<>();
    try (KafkaConsumer<String, Telemetry> consumer =
        new KafkaConsumer<>(
            TopicReader.consumerConfig(KAFKA.bootstrapServers()),
            new StringDeserializer(),
            values)) {
      consumer.seekToBeginning(TopicReader.assignAll(consumer, topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (out.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, Telemetry> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(new Kept(r.key(), r.timestamp(), r.value()));
        }
      }
      // Nothing beyond the expected count either.
      consumer.poll(Duration.ofMillis(500)).forEach(r -> out.add(new Kept(r.key(), -1, null)));
    }
    return out;
  }

  private void cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SocCli.execute(args, new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as("exit code of %s; stderr: %s", List.of(args), err).isZero();
  }

  private Path fixture(String name) throws Exception {
    Path file = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/fixtures/" + name)) {
      Files.copy(in, file);
    }
    return file;
  }
}
