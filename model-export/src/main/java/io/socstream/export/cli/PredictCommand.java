package io.socstream.export.cli;

import io.socstream.core.data.InputFiles;
import io.socstream.core.data.LgCsvReader;
import io.socstream.core.data.RecordedCycle;
import io.socstream.core.estimate.FusedSeries;
import io.socstream.core.estimate.RecordingEstimator;
import io.socstream.core.features.PackLayout;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.export.eval.PredictionCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code soc predict}: SOC estimates for LG-layout CSV files. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Estimates SOC over LG HG2-layout CSV files (columns Timestamp, Time [s], Voltage [V],"
          + " Current [A], Temperature [degC]; SOC [-] optional).",
      "Writes OUT/<input name without .csv>.csv with header timestamp_ms,soc_true,soc,model_soc,"
          + "status,voltage_v,current_a,temperature_c: one row per window (every sample from the"
          + " T-th on, warming-up windows included); soc_true is the input's SOC [-] (empty when"
          + " it has none); soc is the estimate the stream serves (the charge counted from the"
          + " current, corrected by the model in a Kalman filter, when the model card has a"
          + " fusion section; else the model's), model_soc the model's own, both clamped to"
          + " [0, 1]; status is what the stream would emit"
          + " (WARMING_UP until the longest rolling mean covers its horizon, then OK); the last"
          + " three are the (per-cell) input sample the window ends at.",
      "The model estimates ONE cell (LG 18650HG2, about 2.5-4.2 V, 3 Ah). For a pack's telemetry"
          + " give --series/--parallel: each row's voltage is divided by the cells in series and"
          + " its current by the cells in parallel before the model sees it. A WARN line on"
          + " stderr counts the samples outside the model's input range (the card's"
          + " input_ranges, else the LG HG2 datasheet: 2.5-4.2 V, +/-20 A, -20..40 degC; 5 %% of"
          + " each span tolerated)."
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

  @Option(
      names = "--series",
      paramLabel = "N",
      defaultValue = "1",
      description = "Cells in series in the pack the input was measured on (default 1: one cell).")
  int series;

  @Option(
      names = "--parallel",
      paramLabel = "M",
      defaultValue = "1",
      description = "Cells in parallel in the pack the input was measured on (default 1).")
  int parallel;

  @Mixin SubsamplingOptions subsampling;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PackLayout layout = packLayout();
    UnaryOperator<RecordedCycle> thin = subsampling.transform();
    Path modelDir = ModelLocator.resolve(model);
    for (Path input : inputs) {
      InputFiles.requireReadableFile(input);
    }
    Files.createDirectories(out);
    try (SavedModelSocModel socModel = SavedModelSocModel.open(modelDir)) {
      RecordingEstimator estimator = new RecordingEstimator(socModel);
      for (Path input : inputs) {
        RecordedCycle cycle = thin.apply(LgCsvReader.read(input).toCell(layout));
        InputRangeWarning.of(
                "predict",
                input.toString(),
                cycle.samples(),
                socModel.card().inputRangesOrDatasheet(),
                layout)
            .ifPresent(this::warn);
        FusedSeries series = estimator.estimate(cycle);
        Path file = out.resolve(outputName(input));
        PredictionCsv.write(series, cycle, file);
        System.out.println(series.size() + " estimates -> " + file);
      }
    }
    return 0;
  }

  private PackLayout packLayout() {
    if (series < 1) {
      throw new ParameterException(spec.commandLine(), "--series must be >= 1, was " + series);
    }
    if (parallel < 1) {
      throw new ParameterException(spec.commandLine(), "--parallel must be >= 1, was " + parallel);
    }
    return new PackLayout(series, parallel);
  }

  private void warn(String line) {
    spec.commandLine().getErr().println(line);
    spec.commandLine().getErr().flush();
  }

  /** {@code OUT/<input name without .csv>.csv}. */
  static String outputName(Path input) {
    String name = input.getFileName().toString();
    return (name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name) + ".csv";
  }
}
