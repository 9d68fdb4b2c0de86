package io.socstream.export.cli;

import io.socstream.core.data.InputFiles;
import io.socstream.core.data.LgCsvReader;
import io.socstream.core.data.RecordedCycle;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.core.inference.SocEstimator;
import io.socstream.core.inference.SocSeries;
import io.socstream.export.eval.PredictionCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code soc predict}: SOC estimates for LG-layout CSV files. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Estimates SOC over LG HG2-layout CSV files (columns Timestamp, Time [s], Voltage [V],"
          + " Current [A], Temperature [degC]; SOC [-] optional).",
      "Writes OUT/<input name without .csv>.csv with header timestamp_ms,soc_true,soc_est,"
          + "status,voltage_v,current_a,temperature_c: one row per window (every sample from the"
          + " T-th on, warming-up windows included); soc_true is the input's SOC [-] (empty when"
          + " it has none); soc_est is clamped to [0, 1]; status is what the stream would emit"
          + " (WARMING_UP until the longest rolling mean covers its horizon, then OK); the last"
          + " three are the input sample the window ends at."
    })
final class PredictCommand implements Callable<Integer> {

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description =
          "Model directory (SavedModel + model-card.json); default: the shipped model at"
              + " model-export/model/.")
  Path model;

  @Option(
      names = "--input",
      required = true,
      arity = "1..*",
      paramLabel = "CSV",
      description = "One or more input CSV files.")
  List<Path> inputs;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output directory (created).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Path modelDir = ModelLocator.resolve(model);
    for (Path input : inputs) {
      InputFiles.requireReadableFile(input);
    }
    Files.createDirectories(out);
    try (SavedModelSocModel socModel = SavedModelSocModel.open(modelDir)) {
      SocEstimator estimator = new SocEstimator(socModel);
      for (Path input : inputs) {
        RecordedCycle cycle = LgCsvReader.read(input);
        SocSeries series = estimator.estimate(cycle);
        Path file = out.resolve(outputName(input));
        PredictionCsv.write(series, cycle, socModel.featureSpec(), file);
        System.out.println(series.size() + " estimates -> " + file);
      }
    }
    return 0;
  }

  /** {@code OUT/<input name without .csv>.csv}. */
  static String outputName(Path input) {
    String name = input.getFileName().toString();
    return (name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name) + ".csv";
  }
}
