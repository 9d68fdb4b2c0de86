package io.socstream.export.cli;

import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.core.model.ModelCard;
import io.socstream.export.fusion.FusionFit;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code soc fit-fusion}: fits the Coulomb-counting fusion of a model and records it in its card.
 */
@Command(
    name = "fit-fusion",
    mixinStandardHelpOptions = true,
    description = {
      "Fits the fusion of the model's estimates with Coulomb counting on the model's own training"
          + " and validation files (as its card lists them, hashes checked; never a test cycle):"
          + " capacity per cell temperature from the training/validation SOC labels, the Kalman"
          + " filter's noise model by grid search on the validation cycles.",
      "Writes the result into the card's fusion section (model-card.json in --model), replacing"
          + " any earlier one; predict, evaluate and the stream then serve the fused SOC. Prints"
          + " the validation MAE per file, model alone vs fused."
    })
final class FitFusionCommand implements Callable<Integer> {

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description =
          "Model directory (SavedModel + model-card.json); default: the shipped model at"
              + " model-export/model/.")
  Path model;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "LG HG2 data directory the card's training files are relative to.")
  Path data;

  @Option(
      names = "--robust-offset-ma",
      paramLabel = "MA",
      defaultValue = "50",
      description =
          "Also fit for a current-sensor offset of +/- this many mA (the objective is the mean"
              + " validation MAE over the cycles as recorded and with both offsets), so the"
              + " filter does not trust the charge count so long that an offset drifts it;"
              + " 0 = fit on the recorded cycles only (default ${DEFAULT-VALUE}).")
  double robustOffsetMilliamps;

  @Option(names = "--show-grid", description = "Print every grid point's validation MAE.")
  boolean showGrid;

  @Option(names = "--dry-run", description = "Print the fit, leave the card unchanged.")
  boolean dryRun;

  @Spec CommandSpec commandSpec;

  @Override
  public Integer call() throws Exception {
    Path modelDir = ModelLocator.resolve(model);
    FusionFit fit;
    ModelCard card;
    try (SavedModelSocModel socModel = SavedModelSocModel.open(modelDir)) {
      card = socModel.card();
      fit =
          FusionFit.run(
              socModel,
              data,
              recordedCommandLine(),
              robustOffsetMilliamps / 1000,
              showGrid ? System.out : null);
    }
    System.out.println("validation file | MAE model [%] | MAE fused [%]");
    for (FusionFit.FileScore s : fit.validation()) {
      System.out.printf(
          Locale.ROOT,
          "%s | %.3f | %.3f%n",
          s.file(),
          100 * s.model().mae(),
          100 * s.fused().mae());
    }
    System.out.printf(
        Locale.ROOT,
        "pooled | %.3f | %.3f%n",
        100 * fit.pooledModel().mae(),
        100 * fit.pooledFused().mae());
    System.out.println(
        "fusion: "
            + fit.section().toParameters()
            + " (time constant "
            + Math.round(fit.section().toParameters().timeConstantSeconds())
            + " s)");
    if (!dryRun) {
      Path cardFile = modelDir.resolve(ModelCard.FILE_NAME);
      card.withFusion(fit.section()).write(cardFile);
      System.out.println("fusion section written to " + cardFile);
    }
    return 0;
  }

  private String recordedCommandLine() {
    List<String> args = commandSpec.commandLine().getParseResult().originalArgs();
    return "./soc " + args.stream().map(TrainCommand::shellQuote).collect(Collectors.joining(" "));
  }
}
