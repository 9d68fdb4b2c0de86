package io.socstream.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code soc broker}'s options: documented defaults, and bad ports refused before anything starts.
 */
class BrokerCommandTest {

  private static int run(StringWriter err, String... args) {
    return SocCli.execute(
        args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
  }

  @Test
  void helpNamesBothPortsAndTheirDefaults() {
    StringWriter out = new StringWriter();
    int code =
        SocCli.execute(
            new String[] {"broker", "--help"},
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true));
    assertThat(code).isZero();
    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains(
            "--port",
            "0 = a free one. Default: 9092.",
            "-1 = no registry. Default: 8081.",
            "--host",
            "--dir",
            "--set=KEY=VALUE");
  }

  @Test
  void badPortsAreUsageErrors() {
    StringWriter err = new StringWriter();
    assertThat(run(err, "broker", "--registry-port", "-2")).isEqualTo(SocCli.USAGE);
    assertThat(err.toString()).contains("--registry-port must be -1 (none) or 0..65535");

    err = new StringWriter();
    assertThat(run(err, "broker", "--port", "70000")).isEqualTo(SocCli.USAGE);
    assertThat(err.toString()).contains("--port must be 0..65535");

    err = new StringWriter();
    assertThat(run(err, "broker", "--port", "9200", "--registry-port", "9200"))
        .isEqualTo(SocCli.USAGE);
    assertThat(err.toString()).contains("--registry-port must differ from --port (9200)");
  }
}
