package io.socstream.export.run;

import io.socstream.export.train.ConvLstmConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A whole training recipe: the data settings and the model's configuration, shaped for the
 * features. {@link #SHIPPED} is the model in {@code model-export/model}; {@code ./soc train --data
 * DIR --out DIR} with no other flag trains it (a test holds the CLI defaults, this constant and the
 * shipped card's recorded settings together).
 *
 * @param data features, rate augmentation, label repair
 * @param model architecture (shaped for {@code data.features()}), regularisation, schedule, seed
 */
public record TrainingRecipe(DataSettings data, ConvLstmConfig model) {

  /** The shipped model's recipe. */
  public static final TrainingRecipe SHIPPED =
      new TrainingRecipe(DataSettings.SHIPPED, ConvLstmConfig.SHIPPED);

  public TrainingRecipe {
    Objects.requireNonNull(data, "data");
    model = model.withShape(data.features().windowLength(), data.features().featureCount());
  }

  /** The card's {@code training.hyperparameters} entries this recipe defines. */
  public Map<String, Object> toCardMap() {
    Map<String, Object> map = new LinkedHashMap<>(model.toMap());
    map.put("includeWarmingUpWindows", true);
    map.put("rateAugmentation", data.rates());
    return map;
  }
}
