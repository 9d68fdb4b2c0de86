package io.socstream.export.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One in-process run of the CLI with its exit code and captured output. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        ModelExportCli.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** {@code predict --model model --input input --out out}, then {@code extra}. */
  static CliRun predict(Path model, Path input, Path out, String... extra) {
    return withPaths("predict", model, "--input", input, out, extra);
  }

  /** {@code evaluate --model model --data data --out out}, then {@code extra}. */
  static CliRun evaluate(Path model, Path data, Path out, String... extra) {
    return withPaths("evaluate", model, "--data", data, out, extra);
  }

  private static CliRun withPaths(
      String command, Path model, String inputOption, Path input, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
                "--model",
                model.toString(),
                inputOption,
                input.toString(),
                "--out",
                out.toString()));
    args.addAll(Arrays.asList(extra));
    return of(args.toArray(String[]::new));
  }
}
