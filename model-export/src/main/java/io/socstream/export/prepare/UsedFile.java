package io.socstream.export.prepare;

import io.socstream.core.model.InputRanges;
import io.socstream.core.model.TrainingFile;
import io.socstream.export.data.DataFile;

/**
 * A file a training run read, pinned for the model card.
 *
 * @param file the file and its role
 * @param sha256 hash of the bytes that were parsed
 * @param rows data rows read
 * @param windows windows cut from it
 * @param inputRanges the voltage, current and temperature it spans (of the samples used)
 */
public record UsedFile(
    DataFile file, String sha256, long rows, int windows, InputRanges inputRanges) {

  /** The model card's {@code training.data} entry. */
  public TrainingFile toCardEntry() {
    return new TrainingFile(file.relativePath(), sha256, rows, file.role().cardName());
  }
}
