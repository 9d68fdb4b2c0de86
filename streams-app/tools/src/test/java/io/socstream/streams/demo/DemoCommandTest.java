package io.socstream.streams.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.streams.cli.SocCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code soc demo} refuses what it cannot run with one line, before starting anything. */
class DemoCommandTest {

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SocCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void aMissingModelFailsWithOneLine() {
    Path missing = dir.resolve("no-model");
    Run r = run("demo", "--model", missing.toString(), "--out", dir.resolve("out").toString());
    assertThat(r.code()).isEqualTo(SocCli.FAILED);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("soc demo: No model in " + missing).contains("--model");
  }

  @Test
  void aMissingInputFailsWithOneLine() {
    Path missing = dir.resolve("nope.csv");
    Run r = run("demo", "--input", missing.toString());
    assertThat(r.code()).isEqualTo(SocCli.FAILED);
    assertThat(r.err().strip()).isEqualTo("soc demo: Input file " + missing + " does not exist");
  }

  @Test
  void aBadSpeedIsAUsageError() {
    Run r = run("demo", "--speed", "0");
    assertThat(r.code()).isEqualTo(SocCli.USAGE);
    assertThat(r.err()).contains("--speed");
  }

  @Test
  void theBundledInputsAreInTheJar() throws Exception {
    assertThat(DemoInput.bundled())
        .extracting(DemoInput::batteryId)
        .containsExactly("25degC_551_US06", "n10degC_601_US06");
    assertThat(DemoInput.bundled()).extracting(i -> i.cycle().size()).containsExactly(4016, 3192);
  }

  @Test
  void demoIsListedInTheHelp() {
    Run r = run("--help");
    assertThat(r.out()).contains("demo");
  }
}
