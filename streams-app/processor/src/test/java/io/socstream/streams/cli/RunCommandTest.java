package io.socstream.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `soc run` refuses a bad configuration with exit code 1 and one line naming the setting. */
class RunCommandTest {

  @TempDir Path dir;

  private record Run(int code, String err) {}

  private Run run(String properties) throws Exception {
    Path file = dir.resolve("soc-stream.properties");
    Files.writeString(file, properties);
    return runArgs("run", "--config", file.toString(), "--ops-port", "0");
  }

  private static Run runArgs(String... args) {
    StringWriter err = new StringWriter();
    int code =
        ProcessorCli.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    return new Run(code, err.toString());
  }

  @Test
  void outOfRangeValueNamesTheSetting() throws Exception {
    Run r = run("soc.batch.size=0\n");
    assertThat(r.code()).isEqualTo(ProcessorCli.FAILED);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("soc run: ").contains("soc.batch.size").contains("'0'");
  }

  @Test
  void unknownSettingIsNamed() throws Exception {
    Run r = run("soc.batch.sise=8\n");
    assertThat(r.code()).isEqualTo(ProcessorCli.FAILED);
    assertThat(r.err()).contains("soc.batch.sise");
  }

  @Test
  void badGuaranteeIsNamed() throws Exception {
    Run r = run("soc.processing.guarantee=exactly_once\n");
    assertThat(r.code()).isEqualTo(ProcessorCli.FAILED);
    assertThat(r.err()).contains("soc.processing.guarantee").contains("exactly_once");
  }

  @Test
  void missingModelDirectoryIsNamed() throws Exception {
    Run r = run("soc.model.dir=" + dir.resolve("no-model") + "\n");
    assertThat(r.code()).isEqualTo(ProcessorCli.FAILED);
    assertThat(r.err()).contains("soc.model.dir").contains("no-model");
  }

  @Test
  void missingConfigFileFails() {
    Path missing = dir.resolve("nope.properties");
    Run r = runArgs("run", "--config", missing.toString());
    assertThat(r.code()).isEqualTo(ProcessorCli.FAILED);
    assertThat(r.err().strip())
        .isEqualTo("soc run: Configuration file " + missing + " does not exist");
  }

  @Test
  void anOpsPortBelowMinusOneIsAUsageError() {
    Run r = runArgs("run", "--ops-port", "-2");
    assertThat(r.code()).isEqualTo(ProcessorCli.USAGE);
    assertThat(r.err()).contains("--ops-port");
  }

  @Test
  void anOutOfRangeOpsPortSettingIsNamed() throws Exception {
    Run r = run("soc.ops.port=70000\n");
    assertThat(r.code()).isEqualTo(ProcessorCli.FAILED);
    assertThat(r.err()).contains("soc.ops.port").contains("70000");
  }

  @Test
  void aMockRegistryIsRefusedInOneLineSayingWhy() throws Exception {
    Run r = run("soc.schema.registry.url=mock://shared\n");
    assertThat(r.code()).isEqualTo(ProcessorCli.FAILED);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err())
        .contains("soc.schema.registry.url")
        .contains("mock://shared")
        .contains("only inside one process")
        .contains("tests and the demo");
  }

  @Test
  void runHasHelp() {
    StringWriter out = new StringWriter();
    int code =
        ProcessorCli.execute(
            new String[] {"run", "--help"},
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter()));
    assertThat(code).isZero();
    assertThat(out.toString()).contains("Usage: soc run").contains("--config");
  }
}
