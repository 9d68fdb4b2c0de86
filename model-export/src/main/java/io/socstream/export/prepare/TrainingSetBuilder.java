package io.socstream.export.prepare;

import io.socstream.core.data.RecordedCycle;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.Normalization;
import io.socstream.core.features.WindowBlock;
import io.socstream.core.model.InputRanges;
import io.socstream.export.data.CycleLoader;
import io.socstream.export.data.DataFile;
import io.socstream.export.data.LoadedCycle;
import io.socstream.export.data.RateAugmentation;
import io.socstream.export.data.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the training and validation files into windows with the core's batch extractor (after making
 * their labels consistent, when asked: {@link LabelRepair}), fits the normalisation on the training
 * windows only, and normalises both sets with it.
 *
 * <p>With {@link RateAugmentation} each file also contributes the windows of its thinned copies
 * (sparse, jittered telemetry), so the model learns every rate from 1 to 10 s.
 *
 * <p>Every window is kept, warming-up ones included: the stream emits estimates for them too, so
 * the model must learn to handle rolling means that do not yet span their full horizon.
 */
public final class TrainingSetBuilder {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingSetBuilder.class);

  private TrainingSetBuilder() {}

  /**
   * @param repairLabels whether to make the labels consistent first ({@link LabelRepair}); off, the
   *     windows carry the published labels
   * @param rates thinned copies of every file added beside the 1 Hz windows ({@link
   *     RateAugmentation#OFF}: none)
   */
  public static PreparedTraining build(
      TrainingData data, FeatureSpec spec, boolean repairLabels, RateAugmentation rates) {
    // The repair's reference labels need every file first: a separate pass, one file at a time.
    LabelRepair repair =
        repairLabels
            ? LabelRepair.fit(
                Stream.concat(data.train().stream(), data.validation().stream())
                    .map(CycleLoader::load),
                spec.maxGapMs())
            : LabelRepair.disabled();
    List<UsedFile> trainFiles = new ArrayList<>();
    WindowBlock train = windows(data.train(), spec, repair, rates, trainFiles);
    List<UsedFile> validationFiles = new ArrayList<>();
    WindowBlock validation = windows(data.validation(), spec, repair, rates, validationFiles);
    repair.shifted().forEach((file, offset) -> LOG.info("label of {} shifted by {}", file, offset));
    repair.excluded().forEach((file, why) -> LOG.info("{} left out: {}", file, why));
    // Fitted before anything is normalised, on training windows alone: validation statistics must
    // not shape the inputs the model is selected on.
    Normalization normalization = Normalization.fit(train);
    normalization.normalizeInPlace(train.features());
    normalization.normalizeInPlace(validation.features());
    LOG.info(
        "{} training windows from {} files, {} validation windows from {} files",
        train.count(),
        trainFiles.size(),
        validation.count(),
        validationFiles.size());
    return new PreparedTraining(
        spec, normalization, train, validation, trainFiles, validationFiles, repair);
  }

  private static WindowBlock windows(
      List<DataFile> files,
      FeatureSpec spec,
      LabelRepair repair,
      RateAugmentation rates,
      List<UsedFile> used) {
    List<WindowBlock> blocks = new ArrayList<>();
    for (DataFile file : files) {
      // One file in memory at a time: only its windows are kept.
      LoadedCycle loaded = CycleLoader.load(file);
      Optional<RecordedCycle> repaired = repair.apply(file, loaded.cycle());
      if (repaired.isEmpty()) {
        continue;
      }
      List<WindowBlock> copies = new ArrayList<>();
      for (RecordedCycle copy : rates.copies(repaired.get())) {
        copies.add(copy.windowBlock(spec, true));
      }
      // The file's windows: 1 Hz first, then each thinned copy (a file's windows stay together, so
      // per-file validation scores cover all its rates).
      WindowBlock block = WindowBlocks.concat(copies);
      if (copies.get(0).count() == 0) {
        throw new IllegalStateException(
            file.relativePath()
                + " yields no labelled window of "
                + spec.windowLength()
                + " steps");
      }
      blocks.add(block);
      used.add(
          new UsedFile(
              file,
              loaded.sha256(),
              loaded.rows(),
              block.count(),
              InputRanges.of(repaired.get().samples())));
    }
    return WindowBlocks.concat(blocks);
  }
}
