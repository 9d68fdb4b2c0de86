package io.socstream.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.socstream.core.fusion.CapacityPoint;
import io.socstream.core.fusion.FusionParameters;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardFusionTest {

  private static final FusionParameters PARAMETERS =
      new FusionParameters(
          List.of(new CapacityPoint(-18.5, 2.1, 2.3), new CapacityPoint(24.6, 2.95, 3.0)),
          2e-9,
          3e-4,
          1e-4,
          3);

  @TempDir Path tmp;

  @Test
  void aCardWithoutTheSectionMeansFusionOff() {
    ModelCard card = ModelCardTest.example();
    assertThat(card.fusion()).isNull();
    assertThat(card.fusionParameters()).isEqualTo(FusionParameters.OFF);
    assertThat(card.fusionParameters().enabled()).isFalse();
    assertThat(card.toJson()).doesNotContain("fusion");
  }

  @Test
  void theSectionRoundTripsThroughTheCardFile() {
    var fit = JsonNodeFactory.instance.objectNode().put("command", "./soc fit-fusion");
    ModelCard card = ModelCardTest.example().withFusion(CardFusion.of(PARAMETERS, fit));
    Path file = tmp.resolve(ModelCard.FILE_NAME);
    card.write(file);

    ModelCard read = ModelCard.read(file);
    assertThat(read.fusionParameters()).isEqualTo(PARAMETERS);
    assertThat(read.fusion().fit().get("command").asText()).isEqualTo("./soc fit-fusion");
    assertThat(read.fusion().method()).isEqualTo(CardFusion.METHOD);
    assertThat(read.withFusion(null).fusionParameters()).isEqualTo(FusionParameters.OFF);
  }

  @Test
  void anIncompleteOrOutOfRangeSectionIsRefusedNamingTheField() {
    String json =
        ModelCardTest.EXAMPLE.replaceFirst(
            "\"metrics\":",
            "\"fusion\": {\"method\": \"coulomb-kalman\", \"capacity\": [{\"temperature_c\": 25,"
                + " \"discharge_ah\": 2.9, \"charge_ah\": 3.0}], \"process_noise_per_s\": -1,"
                + " \"initial_variance\": 1e-4, \"warm_up_factor\": 2},\n  \"metrics\":");
    assertThatThrownBy(() -> ModelCard.parse(json, "bad"))
        .isInstanceOf(ModelCardException.class)
        .satisfies(
            e ->
                assertThat(((ModelCardException) e).problems())
                    .containsExactly("fusion.measurement_noise_s: missing"));

    String negative =
        json.replace("\"initial_variance\"", "\"measurement_noise_s\": 1e-3, \"initial_variance\"");
    assertThatThrownBy(() -> ModelCard.parse(negative, "bad"))
        .isInstanceOf(ModelCardException.class)
        .satisfies(
            e ->
                assertThat(((ModelCardException) e).problems())
                    .singleElement()
                    .asString()
                    .startsWith("fusion: processNoise must be positive"));
  }
}
