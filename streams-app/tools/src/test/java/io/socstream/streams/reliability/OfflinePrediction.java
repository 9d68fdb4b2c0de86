package io.socstream.streams.reliability;

import io.socstream.core.data.LgCsvReader;
import io.socstream.core.estimate.RecordingEstimator;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.core.inference.SocSeries;
import io.socstream.streams.DriveCycle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine must emit for a replayed CSV: the offline {@code predict} path (the shipped
 * model, {@link RecordingEstimator}: fused, like the stream) on the same file, computed once per
 * file and shared by every battery replayed from it.
 */
final class OfflinePrediction {

  private static final Map<Path, SocSeries> CACHE = new HashMap<>();

  private OfflinePrediction() {}

  /** The estimates for {@code csv}, by timestamp (ms). */
  static synchronized SocSeries of(Path csv) {
    return CACHE.computeIfAbsent(csv, OfflinePrediction::estimate);
  }

  /**
   * The first {@code rows} samples of {@code csv} (header kept) as a new file in {@code dir}: a
   * shorter input keeps the suite within its time budget.
   */
  static Path head(Path csv, int rows, Path dir) {
    try {
      List<String> lines = Files.readAllLines(csv);
      Path out = dir.resolve(csv.getFileName().toString().replace(".csv", "_head" + rows + ".csv"));
      Files.write(out, lines.subList(0, Math.min(lines.size(), rows + 1)));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records in {@code csv} (what replay sends). */
  static int records(Path csv) {
    try {
      return LgCsvReader.read(csv).size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SocSeries estimate(Path csv) {
    Path modelDir = DriveCycle.shippedModel();
    if (modelDir == null) {
      throw new IllegalStateException("the shipped model (model-export/model) is missing");
    }
    try (SavedModelSocModel model = SavedModelSocModel.open(modelDir)) {
      return new RecordingEstimator(model).estimate(LgCsvReader.read(csv)).fused();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
