package io.socstream.export.prepare;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.Normalization;
import io.socstream.core.features.WindowBlock;
import io.socstream.core.model.InputRanges;
import java.util.List;

/**
 * Normalised training and validation windows, ready for the trainer.
 *
 * @param spec the feature contract the windows were cut with
 * @param normalization fitted on the training windows only
 * @param train normalised training windows, all files in order
 * @param validation normalised validation windows, all files in order
 * @param trainFiles the training files, in the order of their windows
 * @param validationFiles the validation files, in the order of their windows
 * @param labelRepair which labels were shifted and which files left out
 */
public record PreparedTraining(
    FeatureSpec spec,
    Normalization normalization,
    WindowBlock train,
    WindowBlock validation,
    List<UsedFile> trainFiles,
    List<UsedFile> validationFiles,
    LabelRepair labelRepair) {

  public PreparedTraining {
    trainFiles = List.copyOf(trainFiles);
    validationFiles = List.copyOf(validationFiles);
  }

  /**
   * The voltage, current and temperature the training files span: what the model has seen, for the
   * card's {@code input_ranges}; null when there is no training file.
   */
  public InputRanges trainingInputRanges() {
    InputRanges ranges = null;
    for (UsedFile f : trainFiles) {
      ranges = f.inputRanges().union(ranges);
    }
    return ranges;
  }
}
