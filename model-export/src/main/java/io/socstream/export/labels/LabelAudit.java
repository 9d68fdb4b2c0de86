package io.socstream.export.labels;

import io.socstream.export.data.DataDirectoryException;
import io.socstream.export.data.DataFile;
import io.socstream.export.data.TrainingData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The label scale of the training (Mixed) cycles per ambient temperature, and what it predicts for
 * the bias on another cycle. The evaluation reports it beside each test cycle's measured bias, so
 * that the part of the bias that sits in the labels can be told from the model's.
 *
 * @param byTemperature pooled scale of the training files, by ambient temperature (°C)
 */
public record LabelAudit(Map<Integer, LabelScale> byTemperature) {

  public static final LabelAudit EMPTY = new LabelAudit(Map.of());

  public LabelAudit {
    byTemperature = Collections.unmodifiableMap(new TreeMap<>(byTemperature));
  }

  /**
   * Pools the training files of {@code dataDir} per temperature; temperatures whose scale is
   * undefined (no charging step, say) are left out.
   *
   * @return {@link #EMPTY} when the directory has no training files or they have no label columns
   */
  public static LabelAudit ofTrainingFiles(Path dataDir) throws IOException {
    TrainingData data;
    try {
      data = TrainingData.discover(dataDir);
    } catch (DataDirectoryException e) {
      return EMPTY;
    }
    Map<Integer, LabelScale> pooled = new TreeMap<>();
    for (DataFile file : data.train()) {
      Optional<LabelLedger> ledger = LabelLedger.read(file.path());
      if (ledger.isPresent()) {
        pooled.merge(file.temperatureC(), LabelScale.of(ledger.get()), LabelScale::plus);
      }
    }
    pooled.values().removeIf(scale -> !scale.isDefined());
    return new LabelAudit(pooled);
  }

  /**
   * The bias over the last {@code lastRows} rows (those with an estimate) that the label scale
   * alone puts on a cycle measured at {@code temperatureC}; empty when that temperature has no
   * scale or the file no label columns.
   */
  public OptionalDouble expectedBias(Path cycleFile, int temperatureC, int lastRows)
      throws IOException {
    LabelScale scale = byTemperature.get(temperatureC);
    if (scale == null) {
      return OptionalDouble.empty();
    }
    Optional<LabelLedger> ledger = LabelLedger.read(cycleFile);
    if (ledger.isEmpty() || lastRows < 1 || lastRows > ledger.get().size()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(scale.expectedBias(ledger.get(), ledger.get().size() - lastRows));
  }
}
