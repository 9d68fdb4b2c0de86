package io.socstream.export.shipped;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socstream.core.model.ModelCard;
import io.socstream.export.run.TrainingRecipe;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The training defaults are the shipped model: {@link TrainingRecipe#SHIPPED} (which {@code ./soc
 * train} uses with no flag, see CliExitCodesTest) equals the settings the shipped card recorded.
 * After a deliberate retrain with other settings, change SHIPPED and the CLI defaults with it.
 */
class ShippedRecipeTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void shippedRecipeIsWhatTheShippedCardRecorded() throws Exception {
    ModelCard card = ModelCard.read(Path.of("model").resolve(ModelCard.FILE_NAME));
    JsonNode recorded = card.training().hyperparameters();

    assertThat(card.featureSpec()).isEqualTo(TrainingRecipe.SHIPPED.data().features());
    assertThat(card.training().seed()).isEqualTo(TrainingRecipe.SHIPPED.model().seed());
    assertThat(recorded.at("/labelRepair/enabled").asBoolean())
        .isEqualTo(TrainingRecipe.SHIPPED.data().repairLabels());
    for (Map.Entry<String, Object> entry : TrainingRecipe.SHIPPED.toCardMap().entrySet()) {
      assertThat(recorded.get(entry.getKey()))
          .as("hyperparameters.%s", entry.getKey())
          .isEqualTo(MAPPER.readTree(MAPPER.writeValueAsString(entry.getValue())));
    }
  }
}
