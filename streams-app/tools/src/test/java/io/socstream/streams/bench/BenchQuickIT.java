package io.socstream.streams.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socstream.streams.cli.SocCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code soc bench --quick} end to end (in-process broker): bench.json is complete and every number
 * positive. No speed thresholds: the numbers of a quick run on a CI machine mean nothing.
 */
class BenchQuickIT {

  private static final List<String> POSITIVE_NUMBERS =
      List.of(
          "passthrough_rps",
          "batched_rps",
          "per_record_rps",
          "ratio_batched_passthrough",
          "ratio_batched_per_record",
          "engine_cpu_us_per_record",
          "passthrough_cpu_us_per_record",
          "ratio_cpu_engine_passthrough",
          "latency_offered_rps",
          "p50_ms",
          "p99_ms",
          "p50_ms_alo",
          "p99_ms_alo",
          "state_bytes_per_battery",
          "changelog_records_per_input_record",
          "batteries",
          "records",
          "cores",
          "heap_used_peak_bytes",
          "rss_peak_bytes",
          "window_length");

  @TempDir Path dir;

  @Test
  void quickRunWritesACompleteBenchJson() throws Exception {
    Path out = dir.resolve("bench-out");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int rc =
        SocCli.execute(
            new String[] {
              "bench", "--quick", "--out", out.toString(), "--set", "soc.inference.threads=2"
            },
            new PrintWriter(stdout),
            new PrintWriter(stderr));
    assertThat(rc).as("exit code; stderr:%n%s", stderr).isZero();

    Path file = out.resolve("bench.json");
    assertThat(file).exists();
    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    for (String field : POSITIVE_NUMBERS) {
      assertThat(json.has(field)).as("bench.json has %s: %s", field, json).isTrue();
      assertThat(json.get(field).isNumber()).as("%s is a number", field).isTrue();
      assertThat(json.get(field).asDouble()).as("%s", field).isPositive();
    }
    assertThat(json.get("model_version").asText()).isNotBlank();
    assertThat(json.get("model_shipped").isBoolean()).isTrue();
    assertThat(json.get("model_fallback").isBoolean()).isTrue();
    assertThat(json.get("quick").asBoolean()).isTrue();
    assertThat(json.get("records").asLong())
        .isEqualTo(json.get("batteries").asLong() * json.get("samples_per_battery").asLong());
    for (String b : List.of("b1", "b32", "b256", "b1024")) {
      assertThat(json.get("model_us_per_sample").get(b).asDouble()).as(b).isPositive();
    }
    for (String g : List.of("exactly_once_v2", "at_least_once")) {
      JsonNode latency = json.get("latency").get(g);
      assertThat(latency.get("measured").asLong()).as(g).isPositive();
      assertThat(latency.get("estimates_received").asLong())
          .as(g)
          .isEqualTo(latency.get("estimates_expected").asLong());
    }
    // The latency runs offer a quarter of (b)'s rate.
    assertThat(json.get("latency_offered_rps").asDouble())
        .isCloseTo(
            json.get("batched_rps").asDouble() / 4, org.assertj.core.api.Assertions.within(0.1));
    // Restore after a state wipe: every battery's value came back from the changelog.
    JsonNode restore = json.get("restore");
    assertThat(restore.get("records_restored").asLong())
        .isEqualTo(restore.get("batteries").asLong())
        .isEqualTo(500);
    assertThat(restore.get("bytes").asLong()).isPositive();
    assertThat(restore.get("seconds_to_running").asDouble()).isPositive();
    assertThat(json.get("targets").has("state_bytes_per_battery_max_8192")).isTrue();
    assertThat(json.get("targets").has("ratio_batched_per_record_min_20")).isFalse();
    // The unmeasured warm-up passes ran first.
    assertThat(json.get("warmup").get("passthrough_rps").asDouble()).isPositive();
    assertThat(json.get("warmup").get("batched_rps").asDouble()).isPositive();
    // --set reaches the engine's settings and the runner that every run shares.
    assertThat(json.get("engine_settings").get("inference_threads").asInt()).isEqualTo(2);
    assertThat(json.get("model_threads").asInt()).isEqualTo(2);
    // The work directory (broker data, state, stand-in model) is removed afterwards.
    assertThat(out.resolve("work")).doesNotExist();
  }
}
