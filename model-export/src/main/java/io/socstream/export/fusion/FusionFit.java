package io.socstream.export.fusion;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socstream.core.data.RecordedCycle;
import io.socstream.core.estimate.RecordingEstimator;
import io.socstream.core.fusion.CapacityPoint;
import io.socstream.core.fusion.FusionParameters;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.core.model.CardFusion;
import io.socstream.core.model.ModelCard;
import io.socstream.export.data.DataRole;
import io.socstream.export.eval.ErrorMetrics;
import io.socstream.export.eval.MetricsJson;
import io.socstream.export.fusion.CardDataFiles.CardFile;
import io.socstream.export.robust.Perturbation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits the fusion of a model on its own training/validation files (never a test cycle) and gives
 * the card section: capacity(T) from the SOC labels of the training and validation files ({@link
 * CapacityFit}), the noise model by grid search on the validation cycles ({@link NoiseGrid}).
 *
 * @param section the card's new {@code fusion} section
 * @param validation per validation file: the model's metrics and the fused ones
 * @param pooledModel the model alone on every validation window
 * @param pooledFused the fused estimates on every validation window
 * @param rates per fitting rate (1 Hz as recorded, then each sub-sampling period): per validation
 *     file the model alone, the fusion with the card's previous parameters, and the new fit
 */
public record FusionFit(
    CardFusion section,
    List<FileScore> validation,
    ErrorMetrics pooledModel,
    ErrorMetrics pooledFused,
    List<RateScore> rates) {

  /**
   * One validation file at one telemetry rate, before and after the fit.
   *
   * @param scenario e.g. {@code unperturbed}, {@code period(10s)}
   * @param file as the card names it
   * @param temperatureC ambient temperature
   * @param model MAE of the model alone
   * @param before MAE fused with the card's previous parameters (NaN when it had none)
   * @param after MAE fused with the new fit
   */
  public record RateScore(
      String scenario, String file, int temperatureC, double model, double before, double after) {}

  /**
   * One validation file's scores.
   *
   * @param file as the card names it
   * @param temperatureC ambient temperature
   * @param model the model alone
   * @param fused the fused estimates
   */
  public record FileScore(String file, int temperatureC, ErrorMetrics model, ErrorMetrics fused) {}

  /**
   * Runs the fit.
   *
   * @param model the model; its card lists the files
   * @param dataDir the data directory the card's paths are relative to
   * @param commandLine how the fit was invoked, recorded in the section
   */
  public static FusionFit run(
      SavedModelSocModel model,
      Path dataDir,
      String commandLine,
      double robustOffsetA,
      List<Integer> subsamplePeriodsS,
      java.io.PrintStream gridLog)
      throws IOException {
    ModelCard card = model.card();
    List<CardFile> capacityFiles =
        CardDataFiles.read(card, dataDir, List.of(DataRole.TRAIN, DataRole.VALIDATION));
    List<CardFile> validation =
        capacityFiles.stream()
            .filter(f -> f.role().equals(DataRole.VALIDATION.cardName()))
            .toList();
    if (validation.isEmpty()) {
      throw new IllegalArgumentException("the model card lists no validation file to fit on");
    }
    List<CapacityPoint> capacity = CapacityFit.fit(capacityFiles);
    RecordingEstimator estimator = new RecordingEstimator(model);
    List<Perturbation> conditions = new ArrayList<>(List.of(new Perturbation.None()));
    if (robustOffsetA > 0) {
      conditions.add(new Perturbation.CurrentOffset(robustOffsetA));
      conditions.add(new Perturbation.CurrentOffset(-robustOffsetA));
    }
    // Sparse telemetry: the count's integration error grows like Δt², so κ needs these to be seen.
    List<Integer> rateScenarios = new ArrayList<>(List.of(0));
    for (int period : subsamplePeriodsS) {
      rateScenarios.add(conditions.size());
      conditions.add(new Perturbation.Subsample(period));
    }
    List<NoiseGrid.Scenario> scenarios = new ArrayList<>();
    for (Perturbation condition : conditions) {
      List<RecordedCycle> cycles = new ArrayList<>();
      List<float[]> scenarioOutputs = new ArrayList<>();
      for (CardFile file : validation) {
        RecordedCycle cycle = condition.apply(file.cycle());
        cycles.add(cycle);
        scenarioOutputs.add(estimator.modelOutputs(cycle));
      }
      scenarios.add(new NoiseGrid.Scenario(condition.name(), cycles, scenarioOutputs));
    }
    List<float[]> outputs = scenarios.get(0).outputs();
    NoiseGrid.Result grid = NoiseGrid.search(scenarios, model.featureSpec(), capacity);
    if (gridLog != null) {
      gridLog.println(
          "tau_s c_s w kappa objective "
              + String.join(" ", scenarios.stream().map(NoiseGrid.Scenario::name).toList()));
      for (NoiseGrid.Score score : grid.all()) {
        StringBuilder line =
            new StringBuilder(
                String.format(
                    java.util.Locale.ROOT,
                    "%.0f %.1f %.0f %.3f %.4f",
                    score.timeConstantS(),
                    score.correlationS(),
                    score.parameters().warmUpFactor(),
                    score.parameters().integrationNoise(),
                    100 * score.objective()));
        score
            .pooled()
            .forEach(
                m -> line.append(String.format(java.util.Locale.ROOT, " %.4f", 100 * m.mae())));
        gridLog.println(line);
      }
    }
    FusionParameters best = grid.best().parameters();
    FusionParameters previous = card.fusionParameters();
    List<RateScore> rates = new ArrayList<>();
    for (int index : rateScenarios) {
      NoiseGrid.Scenario scenario = scenarios.get(index);
      for (int k = 0; k < validation.size(); k++) {
        CardFile file = validation.get(k);
        RecordedCycle cycle = scenario.cycles().get(k);
        float[] out = scenario.outputs().get(k);
        var after = RecordingEstimator.fuse(cycle, out, model.featureSpec(), best);
        double before =
            previous.enabled()
                ? ErrorMetrics.of(
                        RecordingEstimator.fuse(cycle, out, model.featureSpec(), previous).fused())
                    .mae()
                : Double.NaN;
        rates.add(
            new RateScore(
                scenario.name(),
                file.relativePath(),
                file.temperatureC(),
                ErrorMetrics.of(after.model()).mae(),
                before,
                ErrorMetrics.of(after.fused()).mae()));
      }
    }

    List<FileScore> scores = new ArrayList<>();
    for (int k = 0; k < validation.size(); k++) {
      CardFile file = validation.get(k);
      var series = RecordingEstimator.fuse(file.cycle(), outputs.get(k), model.featureSpec(), best);
      scores.add(
          new FileScore(
              file.relativePath(),
              file.temperatureC(),
              ErrorMetrics.of(series.model()),
              ErrorMetrics.of(series.fused())));
    }
    ErrorMetrics pooledModel =
        NoiseGrid.pooled(scenarios.get(0), model.featureSpec(), FusionParameters.OFF);
    ObjectNode fit = JsonNodeFactory.instance.objectNode();
    fit.put("command", commandLine);
    fit.put("fitted_at", Instant.now().toString());
    fit.put(
        "method",
        "capacity: SOC-label Ah per unit SOC (discharge, charge) of the train+validation files per"
            + " ambient folder, at their mean cell temperature; noise: grid search of time"
            + " constant tau, model-error correlation c and warm-up factor w at kappa 0, then"
            + " kappa x tau x c at that w; lowest objective (see objective)");
    fit.put("model_variance", grid.modelVariance());
    fit.put("time_constant_s", grid.best().timeConstantS());
    fit.put("model_correlation_s", grid.best().correlationS());
    fit.put("integration_noise", best.integrationNoise());
    fit.put(
        "objective",
        "mean over "
            + scenarios.stream().map(NoiseGrid.Scenario::name).toList()
            + " of the pooled validation MAE of the fused estimates");
    ArrayNode files = fit.putArray("validation_files");
    validation.forEach(f -> files.add(f.relativePath()));
    fit.put("capacity_files", capacityFiles.size());
    ObjectNode scoresNode = fit.putObject("validation");
    scoresNode.set("model", MetricsJson.metrics(pooledModel));
    scoresNode.set("fused", MetricsJson.metrics(grid.best().pooled().get(0)));
    ArrayNode perFile = scoresNode.putArray("per_file");
    for (FileScore s : scores) {
      ObjectNode node = perFile.addObject();
      node.put("file", s.file());
      node.put("temperature_c", s.temperatureC());
      node.put("mae_model", s.model().mae());
      node.put("mae_fused", s.fused().mae());
    }
    ArrayNode perRate = scoresNode.putArray("per_rate");
    for (RateScore r : rates) {
      ObjectNode node = perRate.addObject();
      node.put("scenario", r.scenario());
      node.put("file", r.file());
      node.put("mae_model", r.model());
      node.put("mae_fused", r.after());
    }
    return new FusionFit(
        CardFusion.of(best, fit), scores, pooledModel, grid.best().pooled().get(0), rates);
  }
}
