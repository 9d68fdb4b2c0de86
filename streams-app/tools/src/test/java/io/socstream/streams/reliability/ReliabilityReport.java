package io.socstream.streams.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Locale;

/**
 * Writes the suite's table to {@code target/reliability/crash.md} and, when every scenario ran,
 * into the marked block of {@code streams-app/RELIABILITY.md} (the prose around it stays
 * hand-written). The bad-input catalogue's table ({@code
 * streams-app/processor/target/reliability/bad-input.md}, from its own test in the processor
 * module) is included when it exists.
 */
final class ReliabilityReport {

  static final String BEGIN = "<!-- suite:begin -->";
  static final String END = "<!-- suite:end -->";

  private ReliabilityReport() {}

  /** The table and how it was measured. */
  static String table(Collection<ScenarioRow> rows, long seed, double wallSeconds) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Measured %s by `ReliabilityIT` (seed %d, %d cores, %.0f s for the suite).%n%n",
            LocalDate.now(ZoneOffset.UTC),
            seed,
            Runtime.getRuntime().availableProcessors(),
            wallSeconds));
    md.append(ScenarioRow.HEADER);
    rows.forEach(r -> md.append(r.markdown()));
    return md.toString();
  }

  /**
   * Writes {@code target/reliability/crash.md} of {@code moduleDir} (streams-app/tools);
   * regenerates {@code RELIABILITY.md}'s block only when {@code complete} (a filtered run must not
   * replace the measured table with part of it).
   */
  static void write(Path moduleDir, String table, boolean complete) throws IOException {
    Path out = moduleDir.resolve("target/reliability");
    Files.createDirectories(out);
    Files.writeString(out.resolve("crash.md"), table, StandardCharsets.UTF_8);
    Path doc = moduleDir.resolveSibling("RELIABILITY.md");
    if (!complete || !Files.isRegularFile(doc)) {
      return;
    }
    StringBuilder block = new StringBuilder(BEGIN).append("\n").append(table);
    Path badInput =
        moduleDir.resolveSibling("processor").resolve("target/reliability/bad-input.md");
    if (Files.isRegularFile(badInput)) {
      block
          .append("\nBad input (the catalogue test):\n\n")
          .append(Files.readString(badInput, StandardCharsets.UTF_8).strip())
          .append("\n");
    }
    block.append(END);
    Files.writeString(doc, replaceBlock(Files.readString(doc), block.toString()));
  }

  /** {@code doc} with its marked block replaced by {@code block} (appended when it has none). */
  static String replaceBlock(String doc, String block) {
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    if (begin < 0 || end < begin) {
      return doc.stripTrailing() + "\n\n" + block + "\n";
    }
    return doc.substring(0, begin) + block + doc.substring(end + END.length());
  }
}
