package io.socstream.export.cli;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.model.ModelCard;
import io.socstream.export.data.RateAugmentation;
import io.socstream.export.data.TrainingData;
import io.socstream.export.run.DataSettings;
import io.socstream.export.run.TrainingRecipe;
import io.socstream.export.run.TrainingRun;
import io.socstream.export.train.Architecture;
import io.socstream.export.train.ConvLstmConfig;
import io.socstream.export.train.InputLayout;
import io.socstream.export.train.Regularisation;
import io.socstream.export.train.Schedule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code soc train}: trains the ConvLSTM and exports a SavedModel with its model card. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Trains the ConvLSTM SOC model on LG HG2 CSVs and writes a SavedModel plus model-card.json"
          + " to --out.",
      "Data protocol: train = the Mixed drive cycles at every temperature (40 degC: Mixed1-3"
          + " only); validation = one Mixed cycle per temperature (611_Mixed8, 604_Mixed8,"
          + " 590_Mixed8, 571_Mixed8, 552_Mixed8, 557_Mixed3); UDDS, HWFET, LA92 and US06 are"
          + " held out for `evaluate` and never read here. Normalisation is fitted on the"
          + " training windows only."
    })
final class TrainCommand implements Callable<Integer> {

  @Spec CommandSpec commandSpec;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "LG HG2 data directory holding <temp>degC/ folders.")
  Path data;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "MODEL_DIR",
      description = "New model directory (must not exist or be empty).")
  Path out;

  @Option(names = "--window", defaultValue = "30", description = "Steps per window (T).")
  int window;

  @Option(
      names = "--horizons",
      split = ",",
      defaultValue = "500",
      paramLabel = "SECONDS",
      description = "Rolling-mean horizons of voltage and current, seconds, increasing.")
  List<Integer> horizons;

  @Option(
      names = "--max-gap-ms",
      defaultValue = "60000",
      description = "A longer gap between samples restarts the window.")
  long maxGapMs;

  @Option(
      names = "--block-s",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description =
          "Rolling means are summed in time blocks of this length (features v2; each horizon a"
              + " multiple of it).")
  int blockSeconds;

  @Option(
      names = "--delta-t",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Add the feature delta_t_s (seconds since the previous sample).")
  boolean deltaTime;

  @Option(
      names = "--rate-augmentation",
      split = ",",
      defaultValue = "3,6,10",
      paramLabel = "SECONDS",
      description =
          "Periods of the thinned, jittered copies of every training and validation cycle added"
              + " beside the 1 Hz windows ('none' = 1 Hz only).")
  List<String> ratePeriods;

  @Option(
      names = "--rate-jitter",
      defaultValue = "0.4",
      paramLabel = "FRACTION",
      description = "Jitter of the copies' intervals, uniform +- this fraction of the period.")
  double rateJitter;

  @Option(names = "--filters", defaultValue = "8", description = "ConvLSTM filters per layer.")
  int filters;

  @Option(
      names = "--kernel",
      defaultValue = "3",
      description = "ConvLSTM kernel width (1 x k) over the feature axis (--layout width only).")
  int kernel;

  @Option(
      names = "--layout",
      defaultValue = "width",
      paramLabel = "width|channels",
      converter = InputLayoutConverter.class,
      description =
          "How the ConvLSTM reads a step's F features: width = a 1 x F image with one channel,"
              + " convolved with 1 x k kernels; channels = a 1 x 1 image with F channels (a plain"
              + " LSTM). The model's input [-1, T, 1, F, 1] is the same in both.")
  InputLayout layout;

  @Option(names = "--layers", defaultValue = "1", description = "Stacked ConvLSTM layers.")
  int layers;

  @Option(
      names = "--dense",
      split = ",",
      defaultValue = "64,32",
      description = "Units of the ReLU dense layers.")
  List<Integer> dense;

  @Option(names = "--dropout", defaultValue = "0", description = "Dense dropout while training.")
  float dropout;

  @Option(names = "--l2", defaultValue = "1e-4", description = "L2 penalty on dense kernels.")
  float l2;

  @Option(
      names = "--input-noise",
      defaultValue = "0.05",
      paramLabel = "STD",
      description =
          "Std of Gaussian noise added to the normalised input windows while training (0 = off);"
              + " the exported model has none.")
  float inputNoise;

  @Option(
      names = "--weight-average-decay",
      defaultValue = "0.999",
      paramLabel = "DECAY",
      description =
          "Decay of an exponential moving average of the weights, updated after every step, e.g."
              + " 0.999 (0 = off); validation, checkpointing and the export use the average.")
  float weightAverageDecay;

  @Option(names = "--learning-rate", defaultValue = "1e-3", description = "Initial Adam rate.")
  float learningRate;

  @Option(names = "--batch", defaultValue = "512", description = "Mini-batch size.")
  int batch;

  @Option(names = "--epochs", defaultValue = "120", description = "Maximum epochs.")
  int epochs;

  @Option(
      names = "--patience",
      defaultValue = "12",
      description = "Epochs without a better validation MAE before stopping.")
  int patience;

  @Option(
      names = "--plateau-patience",
      defaultValue = "5",
      description = "Epochs without a better validation MAE before halving the learning rate.")
  int plateauPatience;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "Seeds initial weights, dropout and shuffling.")
  long seed;

  @Option(
      names = "--time-budget-minutes",
      defaultValue = "55",
      paramLabel = "MINUTES",
      description = "No new epoch starts after this much wall time (0 = no limit).")
  long timeBudgetMinutes;

  @Option(
      names = "--repair-labels",
      description =
          "Shift the labels of training and validation files that start under load to the"
              + " full-charge label of their at-rest siblings, and leave out files with a logging"
              + " gap (off by default: the target is the published label; see README).")
  boolean repairLabels;

  @Option(
      names = "--model-version",
      description = "Model id for the card (default: convlstm-t<T>-h<horizons>-<UTC time>).")
  String modelVersion;

  @Override
  public Integer call() throws Exception {
    TrainingRecipe recipe = recipe();
    TrainingData trainingData = TrainingData.discover(data);
    TrainingRun run =
        new TrainingRun(
            trainingData,
            recipe,
            modelVersion == null ? defaultModelVersion(recipe.data().features()) : modelVersion,
            recordedCommandLine(),
            out);
    ModelCard card = run.execute();
    commandSpec
        .commandLine()
        .getOut()
        .printf(
            "model %s written to %s (validation MAE %s)%n",
            card.modelVersion(),
            out,
            card.metrics().path("validation").path("pooled").path("mae").asText());
    return 0;
  }

  /** The recipe the flags describe; with no flag, {@link TrainingRecipe#SHIPPED}. */
  TrainingRecipe recipe() {
    FeatureSpec spec = new FeatureSpec(window, horizons, maxGapMs, blockSeconds, deltaTime);
    DataSettings dataSettings = new DataSettings(spec, rateAugmentation(), repairLabels);
    ConvLstmConfig model =
        new ConvLstmConfig(
            new Architecture(
                spec.windowLength(), spec.featureCount(), filters, kernel, layers, dense, layout),
            new Regularisation(dropout, l2, inputNoise, weightAverageDecay),
            new Schedule(
                learningRate,
                batch,
                epochs,
                patience,
                plateauPatience,
                0.5f,
                Math.min(1e-6f, learningRate),
                timeBudgetMinutes == 0
                    ? Schedule.UNLIMITED
                    : Duration.ofMinutes(timeBudgetMinutes)),
            seed);
    return new TrainingRecipe(dataSettings, model);
  }

  private RateAugmentation rateAugmentation() {
    if (ratePeriods.size() == 1 && ratePeriods.get(0).equalsIgnoreCase("none")) {
      return new RateAugmentation(List.of(), rateJitter);
    }
    return new RateAugmentation(ratePeriods.stream().map(Double::valueOf).toList(), rateJitter);
  }

  /** Parses {@code width} or {@code channels}, in any case. */
  static final class InputLayoutConverter implements CommandLine.ITypeConverter<InputLayout> {
    @Override
    public InputLayout convert(String value) {
      return InputLayout.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    }
  }

  private static String defaultModelVersion(FeatureSpec spec) {
    String time =
        LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    String horizons =
        spec.averagingHorizonsSeconds().stream()
            .map(String::valueOf)
            .collect(Collectors.joining("-"));
    return "convlstm-t" + spec.windowLength() + "-h" + horizons + "-" + time;
  }

  /** The command as typed, shell-quoted where needed, so the card says how to repeat the run. */
  private String recordedCommandLine() {
    // The original arguments of the whole invocation, "train" included.
    List<String> args = commandSpec.commandLine().getParseResult().originalArgs();
    return "./soc " + args.stream().map(TrainCommand::shellQuote).collect(Collectors.joining(" "));
  }

  static String shellQuote(String arg) {
    return arg.matches("[A-Za-z0-9_./=,:+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }
}
