package io.socstream.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socstream.streams.rollout.ModelRole;
import io.socstream.streams.rollout.RefusalReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./soc models}: usage errors, one-line failures, the metrics column. */
class ModelsCommandTest {

  @TempDir Path tmp;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SocCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void anUnknownRoleIsAUsageError() {
    Result r = run("models", "publish", "--role", "canary");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--role must be primary or shadow, was canary");
  }

  @Test
  void aDirectoryWithoutACardFailsInOneLine() {
    Result r = run("models", "publish", "--model", tmp.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip()).startsWith("soc models: No model in " + tmp).doesNotContain("\n");
  }

  @Test
  void onlyTheShadowCanBeWithdrawn() {
    Result r = run("models", "withdraw", "--role", "primary");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("only the shadow can be withdrawn");
  }

  @Test
  void aBrokerThatDoesNotAnswerFailsInOneLine() {
    Result r = run("models", "list", "--bootstrap-servers", "127.0.0.1:1");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip()).startsWith("soc models: ").doesNotContain("\n");
  }

  @Test
  void refusalsFollowTheTableOnePerInstanceAndRole() {
    StringWriter out = new StringWriter();
    ModelsCommand.printRefusals(
        List.of(
            new RefusalReport(
                "engine-a",
                ModelRole.PRIMARY,
                "v-t6",
                7,
                Instant.parse("2026-11-30T10:00:00.123Z"),
                "features differ: window_length 6, the pipeline 5")),
        new PrintWriter(out, true));
    assertThat(out.toString())
        .contains("Refused by running engines")
        .containsPattern("engine-a +primary +v-t6 @7 +2026-11-30T10:00:00Z +features differ");

    StringWriter none = new StringWriter();
    ModelsCommand.printRefusals(List.of(), new PrintWriter(none, true));
    assertThat(none.toString()).isEmpty();
  }

  @Test
  void metricsShowEachSectionsPooledErrors() throws Exception {
    var metrics =
        new ObjectMapper()
            .readTree(
                "{\"validation\":{\"units\":\"x\",\"pooled\":{\"mae\":0.0065,\"rmse\":0.0096,"
                    + "\"max_abs_error\":0.0616}},\"other\":3}");
    assertThat(ModelsCommand.metrics(metrics))
        .isEqualTo("validation mae 0.0065 rmse 0.0096 max 0.0616");
    assertThat(ModelsCommand.metrics(new ObjectMapper().createObjectNode())).isEqualTo("-");
  }
}
