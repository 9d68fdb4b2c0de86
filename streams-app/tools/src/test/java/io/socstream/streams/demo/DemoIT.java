package io.socstream.streams.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.inference.TinyModelFactory;
import io.socstream.streams.cli.SocCli;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code soc demo} end to end on its in-process KRaft broker: the first rows of a bundled drive
 * cycle through the real topology with the tiny model, every estimate back, and a summary whose
 * errors match the CSV it wrote.
 */
class DemoIT {

  /** T = 10 steps, a 30 s mean, gaps up to 60 s (the slice has none over 1.2 s). */
  private static final FeatureSpec SPEC = new FeatureSpec(10, List.of(30), 60_000L, 10, true);

  private static final int ROWS = 400;

  @TempDir Path dir;

  @Test
  void aShortDriveCycleEndToEnd() throws Exception {
    Path model = dir.resolve("model");
    TinyModelFactory.export(model, SPEC);
    Path input = dir.resolve("us06_head.csv");
    Files.write(input, head("/demo/25degC_551_US06.csv", ROWS));
    Path out = dir.resolve("out");

    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code =
        SocCli.execute(
            new String[] {
              "demo",
              "--input",
              input.toString(),
              "--out",
              out.toString(),
              "--model",
              model.toString(),
              "--timeout",
              "90"
            },
            new PrintWriter(stdout, true),
            new PrintWriter(stderr, true));
    assertThat(code).as("exit code; stderr:%n%s", stderr).isZero();

    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.path("model_version").asText()).isEqualTo(TinyModelFactory.MODEL_VERSION);
    assertThat(summary.path("inputs")).hasSize(1);
    JsonNode result = summary.path("inputs").get(0);
    assertThat(result.path("file").asText()).isEqualTo(input.toString());
    assertThat(result.path("battery_id").asText()).isEqualTo("us06_head");
    assertThat(result.path("records_in").asLong()).isEqualTo(ROWS);
    long expectedEvents = (long) ROWS - SPEC.windowLength() + 1;
    assertThat(result.path("events_out").asLong()).isEqualTo(expectedEvents);
    assertThat(result.path("dlq").asLong()).isZero();
    for (String field : List.of("mae", "rmse", "max_abs_error")) {
      assertThat(result.path(field).isNumber()).as(field).isTrue();
    }

    Path csv = out.resolve("soc-us06_head.csv");
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo(DemoReport.CSV_HEADER);
    assertThat(lines.get(1)).contains(",WARMING_UP,");
    assertThat(lines).hasSize((int) expectedEvents + 1);
    double sumAbs = 0;
    double sumSquares = 0;
    double max = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      double error = Math.abs(Double.parseDouble(f[1]) - Double.parseDouble(f[2]));
      sumAbs += error;
      sumSquares += error * error;
      max = Math.max(max, error);
    }
    assertThat(result.path("mae").asDouble()).isCloseTo(sumAbs / expectedEvents, within(1e-12));
    assertThat(result.path("rmse").asDouble())
        .isCloseTo(Math.sqrt(sumSquares / expectedEvents), within(1e-12));
    assertThat(result.path("max_abs_error").asDouble()).isCloseTo(max, within(1e-12));

    Path png = out.resolve("soc-us06_head.png");
    assertThat(png).isRegularFile();
    byte[] magic = new byte[4];
    try (InputStream in = Files.newInputStream(png)) {
      assertThat(in.read(magic)).isEqualTo(4);
    }
    assertThat(magic).containsExactly(0x89, 'P', 'N', 'G');
    assertThat(stdout.toString()).contains("us06_head").contains("summary.json");
  }

  /** The header and the first {@code rows} data lines of a class path CSV, unchanged. */
  private static List<String> head(String resource, int rows) throws Exception {
    List<String> lines = new ArrayList<>();
    try (InputStream in = DemoIT.class.getResourceAsStream(resource);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while (lines.size() < rows + 1 && (line = reader.readLine()) != null) {
        lines.add(line);
      }
    }
    assertThat(lines).hasSize(rows + 1);
    return lines;
  }
}
