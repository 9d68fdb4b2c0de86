package io.socstream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.core.model.ShippedModel;
import io.socstream.streams.config.SocStreamsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up refuses a missing, invalid or mismatching model with a message that says what to fix.
 */
class SocStreamsAppTest {

  @TempDir Path dir;

  private SocStreamsConfig config(Map<String, String> extra) {
    Map<String, String> settings = new java.util.HashMap<>(extra);
    settings.put(SocStreamsConfig.SCHEMA_REGISTRY_URL, "mock://app-test");
    settings.put(SocStreamsConfig.STATE_DIR, dir.resolve("state").toString());
    return SocStreamsConfig.of(settings);
  }

  @Test
  void aMissingModelDirectoryFailsStartUp() {
    Path missing = dir.resolve("no-model");
    assertThatThrownBy(
            () ->
                SocStreamsApp.create(
                    config(Map.of(SocStreamsConfig.MODEL_DIR, missing.toString()))))
        .isInstanceOf(SocStreamsApp.StartupException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist")
        .hasMessageContaining("soc.model.dir");
  }

  @Test
  void aModelDirectoryWithoutCardFailsStartUp() throws IOException {
    Path model = Files.createDirectories(dir.resolve("model"));
    assertThatThrownBy(
            () ->
                SocStreamsApp.create(config(Map.of(SocStreamsConfig.MODEL_DIR, model.toString()))))
        .isInstanceOf(SocStreamsApp.StartupException.class)
        .hasMessageContaining("model-card.json");
  }

  @Test
  void anInvalidCardFailsStartUp() throws IOException {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("model-card.json"), "{\"card_version\": 1}");
    assertThatThrownBy(
            () ->
                SocStreamsApp.create(config(Map.of(SocStreamsConfig.MODEL_DIR, model.toString()))))
        .isInstanceOf(SocStreamsApp.StartupException.class)
        .hasMessageContaining("Cannot load the model");
  }

  @Test
  void aCardWhoseFeaturesDifferFromTheConfiguredOnesFailsStartUp() {
    Map<String, String> settings =
        Map.of(
            SocStreamsConfig.MODEL_DIR,
            TestModels.modelDir().toString(),
            SocStreamsConfig.FEATURES_WINDOW_LENGTH,
            "30");
    assertThatThrownBy(() -> SocStreamsApp.create(config(settings)))
        .isInstanceOf(SocStreamsApp.StartupException.class)
        .hasMessageContaining("does not match the configured features")
        .hasMessageContaining("window_length");
  }

  @Test
  void theRegistryGetsTheEngineMeters() {
    var registry =
        new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
            io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
    Map<String, String> settings =
        Map.of(SocStreamsConfig.MODEL_DIR, TestModels.modelDir().toString());
    try (SocStreamsApp app = SocStreamsApp.create(config(settings), registry)) {
      app.metrics().recordIn();
      app.metrics().deadLetter("LATE");
      org.assertj.core.api.Assertions.assertThat(registry.scrape())
          .contains("soc_records_in_total 1.0")
          .contains("soc_dead_letters_total{reason=\"LATE\"} 1.0")
          .contains("soc_estimates_out_total 0.0");
    }
  }

  @Test
  void withoutAModelDirectoryTheShippedModelIsServed() {
    try (SocStreamsApp app = SocStreamsApp.create(config(Map.of()))) {
      assertThat(app.modelDir()).isEqualTo(ShippedModel.find().orElseThrow());
      assertThat(app.modelDir().endsWith(Path.of("model-export", "model"))).isTrue();
      assertThat(app.startLine("http://localhost:8080/"))
          .contains("model " + app.modelVersion())
          .contains("TensorFlow ")
          .contains("battery.telemetry -> battery.soc (dead letters battery.telemetry.dlq)")
          .contains("exactly_once_v2")
          .contains("ops http://localhost:8080/")
          .doesNotContain("\n");
    }
  }

  @Test
  void aMatchingModelStarts() {
    Map<String, String> settings =
        Map.of(
            SocStreamsConfig.MODEL_DIR,
            TestModels.modelDir().toString(),
            SocStreamsConfig.FEATURES_WINDOW_LENGTH,
            "5");
    try (SocStreamsApp app = SocStreamsApp.create(config(settings))) {
      org.assertj.core.api.Assertions.assertThat(app.topology().describe().subtopologies())
          .hasSize(2);
    }
  }
}
