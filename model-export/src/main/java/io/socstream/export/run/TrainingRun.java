package io.socstream.export.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socstream.core.features.Normalization;
import io.socstream.core.model.ModelCard;
import io.socstream.core.model.TrainingFile;
import io.socstream.core.model.TrainingInfo;
import io.socstream.export.data.TrainingData;
import io.socstream.export.prepare.PreparedTraining;
import io.socstream.export.prepare.TrainingSetBuilder;
import io.socstream.export.prepare.UsedFile;
import io.socstream.export.train.ConvLstmConfig;
import io.socstream.export.train.ConvLstmModel;
import io.socstream.export.train.SavedModelExport;
import io.socstream.export.train.Trainer;
import io.socstream.export.train.TrainingResult;
import io.socstream.export.train.WindowDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.TensorFlow;

/**
 * A training run end to end: train/validation windows, normalisation fitted on train, the ConvLSTM
 * trainer, SavedModel export and the model card. It takes {@link TrainingData}, which holds no test
 * file, so the held-out cycles cannot reach any step of it.
 *
 * @param data the train and validation files
 * @param recipe the data settings (features, rate augmentation, label repair) and the model's
 *     configuration (its time budget included)
 * @param modelVersion the card's model id
 * @param commandLine the exact command line, for the card
 * @param out the model directory to create
 */
public record TrainingRun(
    TrainingData data, TrainingRecipe recipe, String modelVersion, String commandLine, Path out) {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Trains, exports and writes the card; returns the card. */
  public ModelCard execute() throws IOException {
    requireEmptyOrAbsent(out);
    DataSettings settings = recipe.data();
    PreparedTraining prepared =
        TrainingSetBuilder.build(
            data, settings.features(), settings.repairLabels(), settings.rates());
    ConvLstmConfig shaped = recipe.model();
    TrainingResult result;
    ValidationScores scores;
    try (ConvLstmModel model = ConvLstmModel.create(shaped)) {
      result =
          new Trainer(shaped)
              .train(model, dataset(prepared.train()), dataset(prepared.validation()));
      // After train() the model holds the best epoch's weights: those are exported and scored.
      SavedModelExport.export(model, out);
      scores = ValidationScores.of(model, prepared.validation(), prepared.validationFiles());
    }
    LOG.info(
        "best epoch {} of {}; validation MAE {} %, RMSE {} %",
        result.bestEpoch(),
        result.history().size(),
        String.format("%.3f", 100 * scores.pooled().mae()),
        String.format("%.3f", 100 * scores.pooled().rmse()));
    ModelCard card = card(prepared, shaped, result, scores);
    card.write(out.resolve(ModelCard.FILE_NAME));
    return card;
  }

  private ModelCard card(
      PreparedTraining prepared,
      ConvLstmConfig shaped,
      TrainingResult result,
      ValidationScores scores) {
    Map<String, Object> facts = result.toCardMap(shaped);
    ObjectNode hyperparameters = MAPPER.valueToTree(facts.get("hyperparameters"));
    hyperparameters.setAll(MAPPER.<ObjectNode>valueToTree(recipe.toCardMap()));
    hyperparameters.set("labelRepair", prepared.labelRepair().toJson());
    List<TrainingFile> files = new ArrayList<>();
    Stream.concat(prepared.trainFiles().stream(), prepared.validationFiles().stream())
        .map(UsedFile::toCardEntry)
        .forEach(files::add);
    ObjectNode metrics = MAPPER.createObjectNode();
    metrics.set("validation", scores.toJson());
    metrics.set("training", MAPPER.<JsonNode>valueToTree(facts.get("training")));
    Normalization normalization = prepared.normalization();
    return ModelCard.create(
            modelVersion,
            Instant.now(),
            TensorFlow.version(),
            recipe.data().features(),
            normalization.mean(),
            normalization.std(),
            new TrainingInfo(files, shaped.seed(), hyperparameters, commandLine),
            metrics)
        .withInputRanges(prepared.trainingInputRanges());
  }

  private static WindowDataset dataset(io.socstream.core.features.WindowBlock block) {
    return new WindowDataset(
        block.features(), block.targets(), block.windowLength(), block.featureCount());
  }

  /** The exporter writes into a fresh directory; a half-overwritten old model would be worse. */
  private static void requireEmptyOrAbsent(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(
              "--out " + dir + " is not empty; choose a new directory");
        }
      }
    }
  }
}
