package io.socstream.streams.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.socstream.core.data.RecordedCycle;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * The demo's results: per input the estimates joined with the recorded SOC label on (battery id,
 * timestamp), the error statistics, and the files written from them.
 */
public final class DemoReport {

  /** The summary's file name in the output directory. */
  public static final String SUMMARY_FILE = "summary.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DemoReport() {}

  /** The demo CSV's header. */
  public static final String CSV_HEADER =
      "timestamp_ms,soc_true,soc_est,status,voltage_v,current_a,temperature_c";

  /**
   * One estimate joined with the input sample at its timestamp: the label (NaN where the input has
   * none) and the measurements (NaN where no sample has that timestamp).
   *
   * @param status the estimate's status (OK, WARMING_UP), empty when unknown
   */
  public record Row(
      long timestampMs,
      double socTrue,
      double socEst,
      String status,
      double voltageV,
      double currentA,
      double temperatureC) {}

  /**
   * Error statistics over the rows where both values are finite, as fractions of SOC (0..1); NaN
   * when there is no such row.
   *
   * @param n rows compared
   */
  public record ErrorStats(int n, double mae, double rmse, double maxAbsError) {

    public static ErrorStats of(List<Row> rows) {
      int n = 0;
      double abs = 0;
      double squares = 0;
      double max = 0;
      for (Row r : rows) {
        if (!Double.isFinite(r.socTrue()) || !Double.isFinite(r.socEst())) {
          continue;
        }
        double e = Math.abs(r.socEst() - r.socTrue());
        n++;
        abs += e;
        squares += e * e;
        max = Math.max(max, e);
      }
      return n == 0
          ? new ErrorStats(0, Double.NaN, Double.NaN, Double.NaN)
          : new ErrorStats(n, abs / n, Math.sqrt(squares / n), max);
    }
  }

  /** The outcome of one input; {@code deadLetters} by reason. */
  public record InputResult(
      DemoInput input,
      long recordsIn,
      long eventsOut,
      DeadLetterTally deadLetters,
      List<Row> rows) {

    public long deadLetterCount() {
      return deadLetters.total();
    }

    public ErrorStats errors() {
      return ErrorStats.of(rows);
    }

    public String csvFileName() {
      return "soc-" + input.batteryId() + ".csv";
    }

    public String plotFileName() {
      return "soc-" + input.batteryId() + ".png";
    }
  }

  /**
   * Joins the estimates of one input with its labels on the timestamp.
   *
   * @param estimates estimated SOC by measurement timestamp (epoch ms) of the window's newest
   *     sample
   * @param eventsOut estimates received (equals {@code estimates.size()} unless one was repeated)
   * @param deadLetters the input's records refused, by reason
   */
  public static InputResult join(
      DemoInput input,
      long recordsIn,
      SortedMap<Long, Double> estimates,
      long eventsOut,
      DeadLetterTally deadLetters) {
    return join(input, recordsIn, estimates, Map.of(), eventsOut, deadLetters);
  }

  /**
   * As {@link #join(DemoInput, long, SortedMap, long, DeadLetterTally)}, with each estimate's
   * status.
   *
   * @param statuses the status of the estimate by timestamp
   */
  public static InputResult join(
      DemoInput input,
      long recordsIn,
      SortedMap<Long, Double> estimates,
      Map<Long, String> statuses,
      long eventsOut,
      DeadLetterTally deadLetters) {
    RecordedCycle cycle = input.cycle();
    Map<Long, Integer> sampleAt = new HashMap<>();
    for (int i = 0; i < cycle.size(); i++) {
      // A repeated timestamp is dropped by the pipeline as a duplicate: the first row counts.
      sampleAt.putIfAbsent(cycle.samples().get(i).timestampMs(), i);
    }
    List<Row> rows = new ArrayList<>(estimates.size());
    estimates.forEach(
        (t, est) -> {
          Integer i = sampleAt.get(t);
          String status = statuses.getOrDefault(t, "");
          rows.add(
              i == null
                  ? new Row(t, Double.NaN, est, status, Double.NaN, Double.NaN, Double.NaN)
                  : new Row(
                      t,
                      cycle.soc()[i],
                      est,
                      status,
                      cycle.samples().get(i).voltage(),
                      cycle.samples().get(i).current(),
                      cycle.samples().get(i).temperature()));
        });
    return new InputResult(input, recordsIn, eventsOut, deadLetters, List.copyOf(rows));
  }

  /** The summary's content: {@code {"model_version", "inputs": [...]}}, errors as fractions. */
  public static Map<String, Object> summary(String modelVersion, List<InputResult> results) {
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (InputResult r : results) {
      ErrorStats e = r.errors();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", r.input().file());
      m.put("battery_id", r.input().batteryId());
      m.put("records_in", r.recordsIn());
      m.put("events_out", r.eventsOut());
      m.put("dlq", r.deadLetterCount());
      m.put("dlq_by_reason", r.deadLetters().byReason());
      m.put("mae", finiteOrNull(e.mae()));
      m.put("rmse", finiteOrNull(e.rmse()));
      m.put("max_abs_error", finiteOrNull(e.maxAbsError()));
      inputs.add(m);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("model_version", modelVersion);
    summary.put("inputs", inputs);
    return summary;
  }

  /**
   * Writes {@value #SUMMARY_FILE}, one {@code soc-<battery_id>.csv} ({@value #CSV_HEADER}; an empty
   * soc_true where the input has no label; voltage_v, current_a, temperature_c the input sample the
   * estimate ends at, as the model saw it) and one {@code soc-<battery_id>.png} per input (when it
   * has estimates) into {@code dir}.
   *
   * @return the files written
   */
  public static List<Path> write(Path dir, String modelVersion, List<InputResult> results)
      throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    Path summary = dir.resolve(SUMMARY_FILE);
    JSON.writeValue(summary.toFile(), summary(modelVersion, results));
    written.add(summary);
    for (InputResult r : results) {
      Path csv = dir.resolve(r.csvFileName());
      writeCsv(csv, r.rows());
      written.add(csv);
      if (!r.rows().isEmpty()) {
        Path png = dir.resolve(r.plotFileName());
        SocPlot.write(
            png, r.input().batteryId() + " (model " + modelVersion + ")", r.rows(), r.errors());
        written.add(png);
      }
    }
    return written;
  }

  static void writeCsv(Path file, List<Row> rows) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(CSV_HEADER);
      w.write('\n');
      for (Row r : rows) {
        w.write(Long.toString(r.timestampMs()));
        w.write(',');
        w.write(orEmpty(r.socTrue()));
        w.write(',');
        w.write(Double.toString(r.socEst()));
        w.write(',');
        w.write(r.status());
        w.write(',');
        w.write(orEmpty(r.voltageV()));
        w.write(',');
        w.write(orEmpty(r.currentA()));
        w.write(',');
        w.write(orEmpty(r.temperatureC()));
        w.write('\n');
      }
    }
  }

  /** The console table: one line per input, errors in SOC percentage points. */
  public static List<String> table(List<InputResult> results) {
    int width = "input".length();
    for (InputResult r : results) {
      width = Math.max(width, r.input().batteryId().length());
    }
    String head = "%-" + width + "s  %10s  %10s  %5s  %8s  %8s  %8s";
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            head,
            "input",
            "records in",
            "SOC events",
            "DLQ",
            "MAE",
            "RMSE",
            "max err"));
    for (InputResult r : results) {
      ErrorStats e = r.errors();
      lines.add(
          String.format(
              Locale.ROOT,
              "%-" + width + "s  %10d  %10d  %5d  %8s  %8s  %8s",
              r.input().batteryId(),
              r.recordsIn(),
              r.eventsOut(),
              r.deadLetterCount(),
              percent(e.mae()),
              percent(e.rmse()),
              percent(e.maxAbsError())));
    }
    return lines;
  }

  /**
   * The dead letters by reason, one line per input and reason with the first message, under a
   * heading; empty when no input had any.
   */
  public static List<String> deadLetterLines(List<InputResult> results) {
    List<String> lines = new ArrayList<>();
    for (InputResult r : results) {
      lines.addAll(r.deadLetters().lines(r.input().batteryId()));
    }
    if (!lines.isEmpty()) {
      lines.add(0, "Dead letters by reason:");
    }
    return lines;
  }

  private static String percent(double fraction) {
    return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f%%", 100 * fraction) : "n/a";
  }

  private static String orEmpty(double value) {
    return Double.isNaN(value) ? "" : Double.toString(value);
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
