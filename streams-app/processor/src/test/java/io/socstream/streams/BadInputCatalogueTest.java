package io.socstream.streams;

import static io.socstream.streams.TopologyFixture.T0;
import static io.socstream.streams.TopologyFixture.sample;
import static io.socstream.streams.TopologyFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.avro.DeadLetter;
import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.core.serde.ConfluentWireFormat;
import io.socstream.streams.config.SocStreamsConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input catalogue: every kind of bad record the engine knows, interleaved with one
 * battery's good 1 Hz samples. Each kind must reach the dead-letter topic with its reason and a
 * message naming the cause, or be dropped and counted where that is the documented rule; the good
 * records must give exactly the estimates they give alone. Writes the outcome as a table to {@code
 * target/reliability/bad-input.md}.
 *
 * <p>Runs at_least_once: under exactly_once_v2 {@code TopologyTestDriver} never surfaces the dead
 * letters of the deserialization handler (see {@link DeadLetterTest}); the handlers are the same.
 */
class BadInputCatalogueTest {

  private static final String BATTERY = "good";
  private static final int GOOD = 60;
  private static final int T = TestModels.SPEC.windowLength();

  @TempDir Path stateDir;
  @TempDir Path cleanStateDir;

  /** What one bad kind sends, and what it must come to. */
  private record Kind(
      String name, String expected, Function<Context, TestRecord<byte[], byte[]>> record) {}

  /** The fixture plus the good sample just sent (step n), for kinds relative to it. */
  private record Context(TopologyFixture f, int n) {
    byte[] encode(Telemetry t) {
      return f.telemetrySerde.serializer().serialize(f.config.telemetryTopic(), t);
    }

    TestRecord<byte[], byte[]> keyed(String key, Telemetry t) {
      return new TestRecord<>(
          key == null ? null : key.getBytes(StandardCharsets.UTF_8), encode(t), t.getTimestamp());
    }

    /** Written by a producer whose clock is the battery's (record time = step n). */
    TestRecord<byte[], byte[]> stampedNow(Telemetry t) {
      return new TestRecord<>(
          BATTERY.getBytes(StandardCharsets.UTF_8),
          encode(t),
          Instant.ofEpochMilli(T0 + 1000L * n));
    }

    TestRecord<byte[], byte[]> raw(byte[] value) {
      return new TestRecord<>(
          BATTERY.getBytes(StandardCharsets.UTF_8), value, Instant.ofEpochMilli(T0 + 1000L * n));
    }

    byte[] validBytes() {
      return encode(step(BATTERY, n));
    }
  }

  private static List<Kind> catalogue() {
    return List.of(
        new Kind("garbage bytes", "DESERIALIZATION_ERROR", c -> c.raw(new byte[] {1, 2, 3, 4, 5})),
        new Kind(
            "wrong magic byte",
            "DESERIALIZATION_ERROR",
            c -> {
              byte[] v = c.validBytes();
              v[0] = 7;
              return c.raw(v);
            }),
        new Kind(
            "unknown schema id",
            "UNKNOWN_SCHEMA",
            c -> {
              byte[] v = c.validBytes();
              return c.raw(
                  ConfluentWireFormat.frame(
                      987_654, Arrays.copyOfRange(v, ConfluentWireFormat.HEADER_SIZE, v.length)));
            }),
        new Kind("empty value", "DESERIALIZATION_ERROR", c -> c.raw(new byte[0])),
        new Kind("null value (tombstone)", "DESERIALIZATION_ERROR", c -> c.raw(null)),
        new Kind(
            "truncated datum",
            "DESERIALIZATION_ERROR",
            c -> {
              byte[] v = c.validBytes();
              return c.raw(Arrays.copyOf(v, v.length - 4));
            }),
        new Kind(
            "trailing bytes (valid datum + 1 MiB of zeros)",
            "DESERIALIZATION_ERROR",
            c -> {
              byte[] v = c.validBytes();
              return c.raw(Arrays.copyOf(v, v.length + 1024 * 1024));
            }),
        new Kind(
            "1 MB random value",
            "DESERIALIZATION_ERROR",
            c -> {
              byte[] v = new byte[1024 * 1024];
              new Random(14).nextBytes(v);
              v[0] = 9; // not the magic byte
              return c.raw(v);
            }),
        new Kind(
            "1 MB battery id",
            "OUT_OF_BOUNDS",
            c -> c.keyed(null, sample("x".repeat(1024 * 1024), T0 + 1000L * c.n, 3.7, 1, 25))),
        new Kind(
            "NaN voltage",
            "NOT_FINITE",
            c -> c.keyed(BATTERY, sample(BATTERY, T0 + 1000L * c.n + 500, Double.NaN, 1, 25))),
        new Kind(
            "+Inf current",
            "NOT_FINITE",
            c ->
                c.keyed(
                    BATTERY,
                    sample(BATTERY, T0 + 1000L * c.n + 500, 3.7, Double.POSITIVE_INFINITY, 25))),
        new Kind(
            "-Inf temperature",
            "NOT_FINITE",
            c ->
                c.keyed(
                    BATTERY,
                    sample(BATTERY, T0 + 1000L * c.n + 500, 3.7, 1, Double.NEGATIVE_INFINITY))),
        new Kind(
            "voltage out of range (12 V)",
            "OUT_OF_BOUNDS",
            c -> c.keyed(BATTERY, sample(BATTERY, T0 + 1000L * c.n + 500, 12, 1, 25))),
        new Kind(
            "current out of range (1000 A)",
            "OUT_OF_BOUNDS",
            c -> c.keyed(BATTERY, sample(BATTERY, T0 + 1000L * c.n + 500, 3.7, 1000, 25))),
        new Kind(
            "temperature out of range (200 °C)",
            "OUT_OF_BOUNDS",
            c -> c.keyed(BATTERY, sample(BATTERY, T0 + 1000L * c.n + 500, 3.7, 1, 200))),
        new Kind(
            "blank battery id",
            "MISSING_BATTERY_ID",
            c -> c.keyed(null, sample(" ", T0 + 1000L * c.n, 3.7, 1, 25))),
        new Kind(
            "far-future timestamp (+2 days)",
            "FUTURE_TIMESTAMP",
            c -> c.stampedNow(sample(BATTERY, T0 + 2 * 86_400_000L, 3.7, 1, 25))),
        new Kind("late sample (20 s old)", "LATE", c -> c.keyed(BATTERY, step(BATTERY, c.n - 20))),
        new Kind(
            "duplicate",
            "dropped, counted: duplicate-samples-total",
            c -> c.keyed(BATTERY, step(BATTERY, c.n))),
        new Kind(
            "out of order within tolerance (2 s old)",
            "dropped, counted: out-of-order-samples-total",
            c -> c.keyed(BATTERY, step(BATTERY, c.n - 2))),
        new Kind(
            "single sample stamped +30 s ahead",
            "dropped, counted: unconfirmed-jumps-total",
            c -> c.keyed(BATTERY, step(BATTERY, c.n + 30))));
  }

  @Test
  void everyBadKindIsDeadLetteredOrCountedAndEveryGoodRecordIsEstimated() throws IOException {
    List<Kind> kinds = catalogue();
    assertThat(kinds.size() + 1)
        .as("kinds, with the key/value mismatch")
        .isGreaterThanOrEqualTo(15);
    List<String> table = new ArrayList<>();
    table.add("| kind | expected | got |");
    table.add("|---|---|---|");
    List<SocEstimate> estimates = new ArrayList<>();
    Map<String, String> settings = Map.of(SocStreamsConfig.PROCESSING_GUARANTEE, "at_least_once");
    try (TopologyFixture f = TopologyFixture.start(stateDir, settings)) {
      int next = 0;
      // Warm the battery up so that late, duplicate and jumps have a clock to be judged against.
      for (; next < 25; next++) {
        f.pipe(step(BATTERY, next));
      }
      estimates.addAll(f.estimates());
      for (Kind kind : kinds) {
        Context c = new Context(f, next - 1);
        Map<String, Double> before = counters(f);
        f.rawTelemetry.pipeInput(kind.record().apply(c));
        // The driver hands a deserialization dead letter over with the next good record.
        f.pipe(step(BATTERY, next++));
        List<DeadLetter> dead = f.deadLetters();
        String got = outcome(dead, before, counters(f));
        table.add("| " + kind.name() + " | " + kind.expected() + " | " + got + " |");
        if (kind.expected().startsWith("dropped")) {
          assertThat(dead).as(kind.name()).isEmpty();
          String counter = kind.expected().substring(kind.expected().indexOf(": ") + 2);
          assertThat(counters(f).get(counter) - before.get(counter)).as(kind.name()).isEqualTo(1);
        } else {
          assertThat(dead).as(kind.name()).hasSize(1);
          DeadLetter letter = dead.get(0);
          assertThat(letter.getReason().name()).as(kind.name()).isEqualTo(kind.expected());
          assertThat(letter.getMessage()).as(kind.name()).isNotBlank();
          assertThat(letter.getMessage()).as(kind.name()).contains(cause(kind));
          // Even a 1 MB input gives a dead letter that fits the producer's 1 MiB request limit.
          if (letter.getOriginalValue() != null) {
            assertThat(letter.getOriginalValue().remaining()).isLessThanOrEqualTo(256 * 1024);
          }
        }
        estimates.addAll(f.estimates());
      }
      // Key/value mismatch: keyed "syn", the value says the good battery: processed as the value's
      // battery (a good record, estimated) and counted.
      long mismatchesBefore = f.metrics.keyMismatches();
      Telemetry mismatched = step(BATTERY, next++);
      f.rawTelemetry.pipeInput(new Context(f, next).keyed("syn", mismatched));
      List<DeadLetter> dead = f.deadLetters();
      long mismatches = f.metrics.keyMismatches() - mismatchesBefore;
      List<SocEstimate> fromMismatch = f.estimates();
      table.add(
          "| key/value battery-id mismatch (key `syn`, value `good`) | processed as `good`,"
              + " counted: soc_telemetry_key_mismatch_total | "
              + (dead.isEmpty() ? "" : dead.size() + " dead letter(s), ")
              + "counted +"
              + mismatches
              + ", "
              + fromMismatch.size()
              + " estimate(s) for `"
              + (fromMismatch.isEmpty() ? "-" : fromMismatch.get(0).getBatteryId())
              + "` |");
      assertThat(dead).isEmpty();
      assertThat(mismatches).isEqualTo(1);
      assertThat(fromMismatch).extracting(SocEstimate::getBatteryId).containsExactly(BATTERY);
      estimates.addAll(fromMismatch);
      for (; next < GOOD; next++) {
        f.pipe(step(BATTERY, next));
      }
      estimates.addAll(f.estimates());
      assertThat(f.deadLetters()).isEmpty();
    }

    List<SocEstimate> clean;
    try (TopologyFixture f = TopologyFixture.start(cleanStateDir, settings)) {
      for (int n = 0; n < GOOD; n++) {
        f.pipe(step(BATTERY, n));
      }
      clean = f.estimates();
    }
    assertThat(clean).hasSize(GOOD - T + 1);
    assertThat(estimates).hasSize(clean.size());
    assertThat(SocTopologyTest.socOf(estimates, BATTERY))
        .containsExactlyElementsOf(SocTopologyTest.socOf(clean, BATTERY));
    assertThat(estimates)
        .extracting(e -> e.getWindowEnd().toEpochMilli())
        .containsExactlyElementsOf(
            clean.stream().map(e -> e.getWindowEnd().toEpochMilli()).toList());

    table.add("");
    table.add(
        String.format(
            "Good records: %d in, %d estimates expected (a clean run of the same good records),"
                + " %d received, all equal to the clean run.",
            GOOD, clean.size(), estimates.size()));
    Path out = Path.of("target", "reliability", "bad-input.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, String.join("\n", table) + "\n");
  }

  /** A word the dead letter's message must contain for {@code kind}. */
  private static String cause(Kind kind) {
    String name = kind.name();
    if (name.startsWith("garbage") || name.startsWith("wrong magic") || name.startsWith("1 MB r")) {
      return "magic byte";
    }
    if (name.startsWith("unknown")) {
      return "987654";
    }
    if (name.startsWith("empty")) {
      return "bytes";
    }
    if (name.startsWith("null")) {
      return "null value";
    }
    if (name.startsWith("truncated")) {
      return "Truncated";
    }
    if (name.startsWith("trailing")) {
      return "Trailing bytes";
    }
    if (name.startsWith("1 MB battery")) {
      return "battery_id is 1048576 characters";
    }
    if (name.startsWith("NaN")) {
      return "NaN";
    }
    if (name.contains("Inf")) {
      return "Infinity";
    }
    if (name.startsWith("voltage")) {
      return "voltage";
    }
    if (name.startsWith("current")) {
      return "current";
    }
    if (name.startsWith("temperature")) {
      return "temperature";
    }
    if (name.startsWith("blank")) {
      return "battery_id";
    }
    if (name.startsWith("far-future")) {
      return "ahead";
    }
    if (name.startsWith("late")) {
      return "20000 ms older";
    }
    throw new IllegalArgumentException(name);
  }

  private static final List<String> COUNTERS =
      List.of(
          "duplicate-samples-total",
          "out-of-order-samples-total",
          "unconfirmed-jumps-total",
          "late-samples-total");

  private static Map<String, Double> counters(TopologyFixture f) {
    Map<String, Double> values = new java.util.HashMap<>();
    for (String name : COUNTERS) {
      values.put(name, SocTopologyTest.metric(f, name));
    }
    return values;
  }

  private static String outcome(
      List<DeadLetter> dead, Map<String, Double> before, Map<String, Double> after) {
    List<String> parts = new ArrayList<>();
    for (DeadLetter letter : dead) {
      String message = letter.getMessage();
      parts.add(
          letter.getReason()
              + " (“"
              + (message.length() > 90 ? message.substring(0, 90) + "…" : message)
                  .replace("|", "\\|")
              + "”)");
    }
    for (String name : COUNTERS) {
      double delta = after.get(name) - before.get(name);
      if (delta != 0 && !(name.equals("late-samples-total") && !dead.isEmpty())) {
        parts.add("dropped, counted: " + name + " +" + (long) delta);
      }
    }
    return parts.isEmpty() ? "nothing (accepted)" : String.join("; ", parts);
  }
}
