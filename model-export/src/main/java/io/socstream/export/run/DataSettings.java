package io.socstream.export.run;

import io.socstream.core.features.FeatureSpec;
import io.socstream.export.data.RateAugmentation;
import java.util.Objects;

/**
 * What the model is trained on: the feature contract, the thinned copies of every cycle, and
 * whether labels are repaired.
 *
 * @param features the feature contract (goes into the model card)
 * @param rates thinned, jittered copies of every training and validation file beside the 1 Hz ones
 * @param repairLabels whether to make the training and validation labels consistent ({@link
 *     io.socstream.export.prepare.LabelRepair}); off = the published labels
 */
public record DataSettings(FeatureSpec features, RateAugmentation rates, boolean repairLabels) {

  /**
   * The shipped model's: features v2 defaults, 3/6/10 s copies with 40 % jitter, published labels.
   */
  public static final DataSettings SHIPPED =
      new DataSettings(FeatureSpec.defaults(), RateAugmentation.SHIPPED, false);

  public DataSettings {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(rates, "rates");
  }
}
