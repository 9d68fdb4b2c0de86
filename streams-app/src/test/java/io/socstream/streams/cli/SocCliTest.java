package io.socstream.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit codes and messages of the stream commands that need no broker. */
class SocCliTest {

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SocCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "replay", "record", "broker"})
  void everyCommandHasHelp(String command) {
    Run r = run(command, "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: soc " + command);
  }

  @Test
  void topLevelHelpListsTheCommands() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("replay", "record", "broker");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(run().code()).isEqualTo(SocCli.USAGE);
    assertThat(run("frobnicate").code()).isEqualTo(SocCli.USAGE);
  }

  @Test
  void missingOrConflictingOptionsAreUsageErrors() {
    Run missing = run("replay");
    assertThat(missing.code()).isEqualTo(SocCli.USAGE);
    assertThat(missing.err()).contains("--input");

    Run both =
        run(
            "replay",
            "--input",
            "x.csv",
            "--bootstrap-servers",
            "localhost:1",
            "--speed",
            "2",
            "--max-speed");
    assertThat(both.code()).isEqualTo(SocCli.USAGE);

    Run badSpeed =
        run("replay", "--input", "x.csv", "--bootstrap-servers", "localhost:1", "--speed", "0");
    assertThat(badSpeed.code()).isEqualTo(SocCli.USAGE);
    assertThat(badSpeed.err()).contains("--speed");

    Run idle =
        run(
            "record",
            "--topic",
            "t",
            "--out",
            dir.resolve("x.avro").toString(),
            "--bootstrap-servers",
            "localhost:1",
            "--until-idle",
            "0");
    assertThat(idle.code()).isEqualTo(SocCli.USAGE);
  }

  @Test
  void benchRunsMustBeKnownAndLatencyAloneNeedsARate() {
    Run unknown = run("bench", "--runs", "b,x");
    assertThat(unknown.code()).isEqualTo(SocCli.USAGE);
    assertThat(unknown.err()).contains("--runs", "'x'");

    Run noRate = run("bench", "--runs", "eos,alo");
    assertThat(noRate.code()).isEqualTo(SocCli.USAGE);
    assertThat(noRate.err()).contains("--latency-rate");
  }

  @Test
  void missingInputFailsWithOneLine() {
    Path missing = dir.resolve("missing.csv");
    Run r = run("replay", "--input", missing.toString(), "--bootstrap-servers", "localhost:1");
    assertThat(r.code()).isEqualTo(SocCli.FAILED);
    assertThat(r.err().strip()).isEqualTo("soc replay: Input file " + missing + " does not exist");
  }

  @Test
  void malformedCsvFailsNamingFileAndLine() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(
        csv,
        "Timestamp,Time [s],Voltage [V],Current [A],Temperature [degC]\n"
            + "2018-10-29 14:26:11,0.0,4.1,-1.0,25.0\n"
            + "2018-10-29 14:26:12,0.1,not-a-number,-1.0,25.0\n");
    Run r = run("replay", "--input", csv.toString(), "--bootstrap-servers", "localhost:1");
    assertThat(r.code()).isEqualTo(SocCli.FAILED);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("soc replay: ").contains("bad.csv").contains("3");
  }
}
