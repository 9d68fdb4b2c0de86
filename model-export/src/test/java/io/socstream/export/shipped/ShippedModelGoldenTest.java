package io.socstream.export.shipped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.socstream.core.data.Fixtures;
import io.socstream.core.estimate.FusedSeries;
import io.socstream.core.estimate.RecordingEstimator;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.core.inference.SocEstimator;
import io.socstream.core.inference.SocSeries;
import io.socstream.core.model.ModelCard;
import io.socstream.export.eval.PredictionCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression guard on the model this repository ships: it loads, its card validates, and its
 * estimates (fused and the model's own) for a committed slice of a held-out test cycle equal the
 * committed golden file. After a deliberate retrain or refit of the fusion, regenerate the golden
 * file with {@value #REGENERATE}.
 */
class ShippedModelGoldenTest {

  /** Surefire runs in the module directory, so the shipped model is at model/. */
  private static final Path SHIPPED = Path.of("model");

  private static final Path GOLDEN =
      Path.of("src/test/resources/golden/" + Fixtures.US06_25C + ".csv");

  static final String REGENERATE =
      "./soc predict --input src/test/resources/fixtures/"
          + Fixtures.US06_25C
          + ".csv --out model-export/src/test/resources/golden";

  @Test
  void shippedCardValidatesAndDescribesTheFeatureContract() {
    ModelCard card = ModelCard.read(SHIPPED.resolve(ModelCard.FILE_NAME));

    assertThat(card.validate()).isEmpty();
    assertThat(card.featureSpec().featureNames())
        .containsExactlyElementsOf(card.features().names());
    assertThat(card.training().data())
        .as("the card lists its training data with hashes")
        .isNotEmpty()
        .allSatisfy(file -> assertThat(file.sha256()).hasSize(64));
    assertThat(card.training().data())
        .as("no held-out test cycle was used for training or validation")
        .noneMatch(file -> file.file().matches(".*_(UDDS|HWFET|LA92|US06)_.*"));
  }

  @Test
  void estimatesOnATestCycleSliceEqualTheGoldenFile() throws Exception {
    SocSeries series;
    FusedSeries fused;
    try (SavedModelSocModel model = SavedModelSocModel.open(SHIPPED)) {
      series = new SocEstimator(model).estimate(Fixtures.load(Fixtures.US06_25C));
      fused = new RecordingEstimator(model).estimate(Fixtures.load(Fixtures.US06_25C));
    }
    List<String> golden = Files.readAllLines(GOLDEN);

    assertThat(golden.get(0)).isEqualTo(PredictionCsv.HEADER);
    assertThat(golden).as("rows; regenerate with: " + REGENERATE).hasSize(series.size() + 1);
    for (int i = 0; i < series.size(); i++) {
      String[] row = golden.get(i + 1).split(",", -1);
      assertThat(series.timestampMs()[i]).isEqualTo(Long.parseLong(row[0]));
      assertThat(series.truth()[i]).isEqualTo(Double.parseDouble(row[1]));
      assertThat(fused.soc()[i])
          .as(
              "fused soc, row %d; regenerate after a deliberate retrain with: %s",
              i + 1, REGENERATE)
          .isCloseTo(Double.parseDouble(row[2]), within(1e-6));
      assertThat(series.estimate()[i])
          .as(
              "model_soc, row %d; regenerate after a deliberate retrain with: %s",
              i + 1, REGENERATE)
          .isCloseTo(Double.parseDouble(row[3]), within(1e-6));
      assertThat(fused.modelSoc()[i]).isEqualTo(series.estimate()[i]);
    }
  }
}
