package io.socstream.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.fusion.FusionParameters;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The model's contract: what it expects as input, how inputs are normalised, what it returns and
 * how it was made. Stored as {@value #FILE_NAME} inside the SavedModel directory, so a model is one
 * self-describing directory.
 *
 * <p>Cards returned by {@link #read(Path)} and {@link #parse(String, String)} are valid; a card
 * built with the constructor is checked by {@link #validate()} and on {@link #write(Path)}.
 *
 * @param cardVersion version of this card format, {@value #SUPPORTED_CARD_VERSION}
 * @param modelVersion free-form model id, e.g. {@code "convlstm-t30-20261127"}
 * @param createdAt ISO-8601 instant, e.g. {@code "2026-11-27T10:00:00Z"}
 * @param tensorflowVersion TensorFlow version that wrote the SavedModel
 * @param signature the serving signature
 * @param features the feature contract
 * @param normalization per-feature z-score constants
 * @param training provenance of the model
 * @param metrics free-form evaluation results; an empty object when there are none
 * @param inputRanges the per-cell inputs the model was trained on; optional (null, and absent from
 *     the JSON, in cards written before it existed): see {@link #inputRangesOrDatasheet()}
 * @param fusion the charge-counting fusion's parameters; optional (null, and absent from the JSON,
 *     when the model's estimates are served unfused): see {@link #fusionParameters()}
 */
@JsonPropertyOrder({
  "card_version",
  "model_version",
  "created_at",
  "tensorflow_version",
  "signature",
  "features",
  "normalization",
  "training",
  "metrics",
  "input_ranges",
  "fusion"
})
public record ModelCard(
    @JsonProperty("card_version") Integer cardVersion,
    @JsonProperty("model_version") String modelVersion,
    @JsonProperty("created_at") String createdAt,
    @JsonProperty("tensorflow_version") String tensorflowVersion,
    @JsonProperty("signature") CardSignature signature,
    @JsonProperty("features") CardFeatures features,
    @JsonProperty("normalization") CardNormalization normalization,
    @JsonProperty("training") TrainingInfo training,
    @JsonProperty("metrics") JsonNode metrics,
    @JsonProperty("input_ranges") @JsonInclude(JsonInclude.Include.NON_NULL)
        InputRanges inputRanges,
    @JsonProperty("fusion") @JsonInclude(JsonInclude.Include.NON_NULL) CardFusion fusion) {

  /** The card's file name inside the SavedModel directory. */
  public static final String FILE_NAME = "model-card.json";

  /** The only card format this code reads. */
  public static final int SUPPORTED_CARD_VERSION = 1;

  public ModelCard {
    if (metrics == null) {
      metrics = JsonNodeFactory.instance.objectNode();
    }
  }

  /** A card without recorded input ranges, as every card was before they existed. */
  public ModelCard(
      Integer cardVersion,
      String modelVersion,
      String createdAt,
      String tensorflowVersion,
      CardSignature signature,
      CardFeatures features,
      CardNormalization normalization,
      TrainingInfo training,
      JsonNode metrics) {
    this(
        cardVersion,
        modelVersion,
        createdAt,
        tensorflowVersion,
        signature,
        features,
        normalization,
        training,
        metrics,
        null);
  }

  /** A card without a fusion section, as every card was before it existed. */
  public ModelCard(
      Integer cardVersion,
      String modelVersion,
      String createdAt,
      String tensorflowVersion,
      CardSignature signature,
      CardFeatures features,
      CardNormalization normalization,
      TrainingInfo training,
      JsonNode metrics,
      InputRanges inputRanges) {
    this(
        cardVersion,
        modelVersion,
        createdAt,
        tensorflowVersion,
        signature,
        features,
        normalization,
        training,
        metrics,
        inputRanges,
        null);
  }

  /** This card with {@code ranges} as the inputs the model was trained on. */
  public ModelCard withInputRanges(InputRanges ranges) {
    return new ModelCard(
        cardVersion,
        modelVersion,
        createdAt,
        tensorflowVersion,
        signature,
        features,
        normalization,
        training,
        metrics,
        ranges,
        fusion);
  }

  /** This card with {@code section} as its fusion section; null removes it (fusion off). */
  public ModelCard withFusion(CardFusion section) {
    return new ModelCard(
        cardVersion,
        modelVersion,
        createdAt,
        tensorflowVersion,
        signature,
        features,
        normalization,
        training,
        metrics,
        inputRanges,
        section);
  }

  /**
   * The parameters of the charge-counting fusion: the card's {@code fusion} section, or {@link
   * FusionParameters#OFF} (fused SOC = model SOC) for a card without it. Requires a valid card.
   */
  public FusionParameters fusionParameters() {
    return fusion == null ? FusionParameters.OFF : fusion.toParameters();
  }

  /**
   * The per-cell inputs the model was trained on: the card's {@code input_ranges}, or for a card
   * without them (the shipped one) {@link InputRanges#LG_HG2_DATASHEET}, the cell its data comes
   * from.
   */
  public InputRanges inputRangesOrDatasheet() {
    return inputRanges != null ? inputRanges : InputRanges.LG_HG2_DATASHEET;
  }

  /**
   * A card for a model with the project's standard signature ({@link CardSignature#standard}).
   *
   * @param modelVersion model id
   * @param createdAt creation time
   * @param tensorflowVersion e.g. {@code TensorFlow.version()} of the exporting process
   * @param spec the feature contract the model was trained with
   * @param mean per-feature means, {@code spec.featureCount()} values
   * @param std per-feature standard deviations, {@code spec.featureCount()} values
   * @param training provenance
   * @param metrics evaluation results, or {@code null} for none
   */
  public static ModelCard create(
      String modelVersion,
      Instant createdAt,
      String tensorflowVersion,
      FeatureSpec spec,
      float[] mean,
      float[] std,
      TrainingInfo training,
      JsonNode metrics) {
    return new ModelCard(
        SUPPORTED_CARD_VERSION,
        modelVersion,
        createdAt.toString(),
        tensorflowVersion,
        CardSignature.standard(spec),
        CardFeatures.of(spec),
        new CardNormalization(mean, std),
        training,
        metrics);
  }

  /**
   * Reads and validates a card.
   *
   * @param file the card, normally {@code modelDir.resolve(ModelCard.FILE_NAME)}
   * @throws ModelCardException when the file is missing or unreadable (naming the path), is not
   *     well-formed JSON (naming line and column) or breaks any rule (listing every problem)
   */
  public static ModelCard read(Path file) {
    ModelCard card = ModelCardJson.read(file);
    card.requireValid(file.toString());
    return card;
  }

  /**
   * Parses and validates a card from JSON text.
   *
   * @param json the card
   * @param source where the text came from, used in error messages
   * @throws ModelCardException as {@link #read(Path)}
   */
  public static ModelCard parse(String json, String source) {
    ModelCard card = ModelCardJson.parse(json, source);
    card.requireValid(source);
    return card;
  }

  /**
   * Validates the card and writes it pretty-printed, fields in a stable order.
   *
   * @throws ModelCardException when the card is invalid; nothing is written then
   * @throws java.io.UncheckedIOException when the file cannot be written
   */
  public void write(Path file) {
    requireValid("model card for " + file);
    ModelCardJson.write(this, file);
  }

  /** The card as pretty-printed JSON, fields in a stable order; not validated. */
  public String toJson() {
    return ModelCardJson.toJson(this);
  }

  /** Every rule the card breaks, each prefixed with its JSON path; empty when valid. */
  public List<String> validate() {
    return ModelCardValidator.problems(this);
  }

  private void requireValid(String source) {
    List<String> problems = validate();
    if (!problems.isEmpty()) {
      throw new ModelCardException("Invalid model card " + source, problems);
    }
  }

  /**
   * Fails when this model cannot serve features computed with {@code servingSpec}: a different
   * window length, different averaging horizons (hence different features), a different gap rule,
   * or a different block length or Δt feature. The streams app calls this at start-up so a
   * mismatched model never serves.
   *
   * @throws ModelCardException listing every difference
   */
  public void requireCompatible(FeatureSpec servingSpec) {
    FeatureSpec modelSpec = featureSpec();
    List<String> problems = new ArrayList<>();
    if (modelSpec.windowLength() != servingSpec.windowLength()) {
      problems.add(
          "features.window_length: model expects "
              + modelSpec.windowLength()
              + ", serving uses "
              + servingSpec.windowLength());
    }
    if (!modelSpec.averagingHorizonsSeconds().equals(servingSpec.averagingHorizonsSeconds())) {
      problems.add(
          "features.averaging_horizons_s: model expects "
              + modelSpec.averagingHorizonsSeconds()
              + " (features "
              + modelSpec.featureNames()
              + "), serving uses "
              + servingSpec.averagingHorizonsSeconds()
              + " (features "
              + servingSpec.featureNames()
              + ")");
    }
    if (modelSpec.maxGapMs() != servingSpec.maxGapMs()) {
      problems.add(
          "features.max_gap_ms: model expects "
              + modelSpec.maxGapMs()
              + ", serving uses "
              + servingSpec.maxGapMs());
    }
    if (modelSpec.blockSeconds() != servingSpec.blockSeconds()
        || modelSpec.deltaTimeFeature() != servingSpec.deltaTimeFeature()) {
      problems.add(
          "features.block_s/delta_t: model expects "
              + modelSpec.blockSeconds()
              + " s blocks, delta_t "
              + modelSpec.deltaTimeFeature()
              + ", serving uses "
              + servingSpec.blockSeconds()
              + " s blocks, delta_t "
              + servingSpec.deltaTimeFeature());
    }
    if (!problems.isEmpty()) {
      throw new ModelCardException(
          "Model " + modelVersion + " does not match the serving feature contract", problems);
    }
  }

  /** The feature contract the model was trained with. Requires a valid card. */
  public FeatureSpec featureSpec() {
    Objects.requireNonNull(features, "features");
    return new FeatureSpec(
        features.windowLength(),
        features.averagingHorizonsSeconds(),
        features.maxGapMs(),
        features.blockSecondsOrLegacy(),
        features.deltaTimeOrLegacy());
  }

  /** Steps per window (T). */
  @JsonIgnore
  public int windowLength() {
    return features.windowLength();
  }

  /** Features per step (F). */
  @JsonIgnore
  public int featureCount() {
    return features.names().size();
  }

  /** The normalisation the feature pipeline applies before the model (valid once the card is). */
  public io.socstream.core.features.Normalization featureNormalization() {
    return new io.socstream.core.features.Normalization(normalization.mean(), normalization.std());
  }

  /** A copy of the per-feature normalisation means. */
  @JsonIgnore
  public float[] normalizationMean() {
    return normalization.mean();
  }

  /** A copy of the per-feature normalisation standard deviations. */
  @JsonIgnore
  public float[] normalizationStd() {
    return normalization.std();
  }

  /** The signature's input key, e.g. {@code "windows"}. */
  @JsonIgnore
  public String inputName() {
    return signature.input().name();
  }

  /** The signature's output key, e.g. {@code "soc"}. */
  @JsonIgnore
  public String outputName() {
    return signature.output().name();
  }

  /** {@link #createdAt()} parsed. Requires a valid card. */
  @JsonIgnore
  public Instant createdInstant() {
    return Instant.parse(createdAt);
  }
}
