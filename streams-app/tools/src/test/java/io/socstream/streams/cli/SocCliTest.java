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
  @ValueSource(strings = {"run", "replay", "record", "tail", "broker"})
  void everyCommandHasHelp(String command) {
    Run r = run(command, "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: soc " + command);
  }

  @Test
  void versionNamesProjectCommitAndShippedModel() {
    Path shipped = io.socstream.core.model.ShippedModel.find().orElse(null);
    assertThat(shipped).as("the shipped model of this checkout").isNotNull();
    String modelVersion =
        io.socstream.core.model.ModelCard.read(shipped.resolve("model-card.json")).modelVersion();
    for (String[] args : new String[][] {{"-V"}, {"--version"}, {"tail", "-V"}}) {
      Run r = run(args);
      assertThat(r.code()).isZero();
      assertThat(r.out())
          .contains("soc-stream 0.")
          .containsPattern("git commit: ([0-9a-f]{7,}|unknown)")
          .contains("shipped model: " + modelVersion);
    }
  }

  @Test
  void aDirectoryAsInputSaysSo() {
    Run r = run("replay", "--input", dir.toString(), "--bootstrap-servers", "localhost:1");
    assertThat(r.code()).isEqualTo(SocCli.FAILED);
    assertThat(r.err().strip())
        .isEqualTo("soc replay: Input file " + dir + " is a directory (give the files in it)");
    Run demo = run("demo", "--input", dir.toString());
    assertThat(demo.code()).isEqualTo(SocCli.FAILED);
    assertThat(demo.err().strip())
        .endsWith("Input file " + dir + " is a directory (give the files in it)");
  }

  @Test
  void replayToABrokerThatDoesNotAnswerFailsWithinFifteenSecondsWithOneLine() throws Exception {
    Path csv = dir.resolve("551_Mixed1_25degC_head1280.csv");
    try (var in = getClass().getResourceAsStream("/fixtures/551_Mixed1_25degC_head1280.csv")) {
      Files.copy(in, csv);
    }
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nobody listens there
    }
    long start = System.nanoTime();
    Run r =
        run(
            "replay",
            "--input",
            csv.toString(),
            "--bootstrap-servers",
            "localhost:" + port,
            "--registry",
            "mock://dead-broker-test",
            "--max-speed");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(r.code()).isEqualTo(SocCli.FAILED);
    assertThat(seconds).isLessThan(15);
    assertThat(r.err().strip())
        .doesNotContain("\n")
        .startsWith(
            "soc replay: no Kafka broker answered at localhost:"
                + port
                + " within "
                + io.socstream.streams.tools.BrokerProbe.DEFAULT_TIMEOUT.toSeconds()
                + " s");
  }

  @Test
  void skipBeyondTheInputIsAUsageError() throws Exception {
    Path csv = dir.resolve("551_Mixed1_25degC_head1280.csv");
    try (var in = getClass().getResourceAsStream("/fixtures/551_Mixed1_25degC_head1280.csv")) {
      Files.copy(in, csv);
    }
    Run r = run("replay", "--input", csv.toString(), "--skip", "1281");
    assertThat(r.code()).isEqualTo(SocCli.USAGE);
    assertThat(r.err()).contains("--skip", "1280");
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
