package io.socstream.core.model;

import io.socstream.core.features.FeatureSpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks every rule of a {@link ModelCard} and collects all problems rather than stopping at the
 * first, so that one run shows everything wrong with a card.
 */
final class ModelCardValidator {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final List<String> problems = new ArrayList<>();

  private ModelCardValidator() {}

  /** Every rule {@code card} breaks, each prefixed with its JSON path; empty when valid. */
  static List<String> problems(ModelCard card) {
    ModelCardValidator validator = new ModelCardValidator();
    validator.check(card);
    return List.copyOf(validator.problems);
  }

  private void check(ModelCard card) {
    if (card.cardVersion() == null) {
      missing("card_version");
    } else if (card.cardVersion() != ModelCard.SUPPORTED_CARD_VERSION) {
      problems.add(
          "card_version: unsupported version "
              + card.cardVersion()
              + ", this reader supports "
              + ModelCard.SUPPORTED_CARD_VERSION);
    }
    requireText("model_version", card.modelVersion());
    checkCreatedAt(card.createdAt());
    requireText("tensorflow_version", card.tensorflowVersion());
    FeatureSpec spec = checkFeatures(card.features());
    checkSignature(card.signature(), spec);
    checkNormalization(card.normalization(), spec);
    checkTraining(card.training());
    checkInputRanges(card.inputRanges());
    checkFusion(card.fusion());
  }

  /** Optional: absent means fusion off; present must be complete and in range. */
  private void checkFusion(CardFusion fusion) {
    if (fusion == null) {
      return;
    }
    if (requireText("fusion.method", fusion.method())
        && !CardFusion.METHOD.equals(fusion.method())) {
      problems.add(
          "fusion.method: this reader runs \""
              + CardFusion.METHOD
              + "\", got \""
              + fusion.method()
              + "\"");
    }
    boolean complete = true;
    if (fusion.capacity() == null || fusion.capacity().isEmpty()) {
      problems.add("fusion.capacity: missing or empty");
      complete = false;
    } else {
      for (int i = 0; i < fusion.capacity().size(); i++) {
        CardFusion.Capacity c = fusion.capacity().get(i);
        String path = "fusion.capacity[" + i + "]";
        if (c == null
            || c.temperatureC() == null
            || c.dischargeAh() == null
            || c.chargeAh() == null) {
          problems.add(path + ": needs temperature_c, discharge_ah and charge_ah");
          complete = false;
        }
      }
    }
    complete &= present("fusion.process_noise_per_s", fusion.processNoisePerS());
    complete &= present("fusion.measurement_noise_s", fusion.measurementNoiseS());
    complete &= present("fusion.initial_variance", fusion.initialVariance());
    complete &= present("fusion.warm_up_factor", fusion.warmUpFactor());
    if (complete) {
      try {
        fusion.toParameters();
      } catch (IllegalArgumentException e) {
        problems.add("fusion: " + e.getMessage());
      }
    }
  }

  private boolean present(String path, Object value) {
    if (value == null) {
      missing(path);
      return false;
    }
    return true;
  }

  /** Optional: absent is fine, present must be complete and ordered. */
  private void checkInputRanges(InputRanges ranges) {
    if (ranges == null) {
      return;
    }
    checkRange("input_ranges.voltage", ranges.voltage());
    checkRange("input_ranges.current", ranges.current());
    checkRange("input_ranges.temperature", ranges.temperature());
  }

  private void checkRange(String path, ValueRange range) {
    if (range == null) {
      missing(path);
    } else if (!Double.isFinite(range.min())
        || !Double.isFinite(range.max())
        || range.min() > range.max()) {
      problems.add(
          path + ": expected finite min <= max, got [" + range.min() + ", " + range.max() + "]");
    }
  }

  private void checkCreatedAt(String createdAt) {
    if (requireText("created_at", createdAt)) {
      try {
        Instant.parse(createdAt);
      } catch (DateTimeParseException e) {
        problems.add(
            "created_at: expected an ISO-8601 instant like \"2026-11-27T10:00:00Z\", got \""
                + createdAt
                + "\"");
      }
    }
  }

  /** Checks the features section; returns its spec, or null when the section is unusable. */
  private FeatureSpec checkFeatures(CardFeatures features) {
    if (features == null) {
      missing("features");
      return null;
    }
    FeatureSpec spec = null;
    boolean complete = true;
    if (features.windowLength() == null) {
      missing("features.window_length");
      complete = false;
    }
    if (features.averagingHorizonsSeconds() == null) {
      missing("features.averaging_horizons_s");
      complete = false;
    } else if (features.averagingHorizonsSeconds().stream().anyMatch(Objects::isNull)) {
      problems.add("features.averaging_horizons_s: contains null");
      complete = false;
    }
    if (features.maxGapMs() == null) {
      missing("features.max_gap_ms");
      complete = false;
    }
    if (complete) {
      try {
        spec =
            new FeatureSpec(
                features.windowLength(),
                features.averagingHorizonsSeconds(),
                features.maxGapMs(),
                features.blockSecondsOrLegacy(),
                features.deltaTimeOrLegacy());
      } catch (IllegalArgumentException e) {
        problems.add("features: " + e.getMessage());
      }
    }
    if (features.names() == null) {
      missing("features.names");
    } else if (spec != null) {
      checkNames(features.names(), spec);
    }
    return spec;
  }

  private void checkNames(List<String> names, FeatureSpec spec) {
    List<String> expected = spec.featureNames();
    String horizons = "averaging_horizons_s " + spec.averagingHorizonsSeconds();
    if (names.size() != expected.size()) {
      problems.add(
          "features.names: expected "
              + expected.size()
              + " names "
              + expected
              + " for "
              + horizons
              + ", got "
              + names.size());
    }
    for (int i = 0; i < Math.min(names.size(), expected.size()); i++) {
      if (!expected.get(i).equals(names.get(i))) {
        problems.add(
            "features.names["
                + i
                + "]: expected \""
                + expected.get(i)
                + "\" for "
                + horizons
                + ", got "
                + quoted(names.get(i)));
      }
    }
  }

  private void checkSignature(CardSignature signature, FeatureSpec spec) {
    if (signature == null) {
      missing("signature");
      return;
    }
    requireText("signature.name", signature.name());
    checkTensor(
        "signature.input",
        signature.input(),
        spec == null ? null : CardSignature.inputShape(spec),
        "[-1, window_length, 1, feature count, 1]");
    checkTensor("signature.output", signature.output(), CardSignature.outputShape(), null);
  }

  private void checkTensor(String path, TensorSpec tensor, List<Long> expectedShape, String rule) {
    if (tensor == null) {
      missing(path);
      return;
    }
    requireText(path + ".name", tensor.name());
    if (tensor.shape() == null) {
      missing(path + ".shape");
    } else if (expectedShape != null && !expectedShape.equals(tensor.shape())) {
      problems.add(
          path
              + ".shape: expected "
              + expectedShape
              + (rule == null ? "" : " (" + rule + ")")
              + ", got "
              + tensor.shape());
    }
    if (tensor.dtype() == null) {
      missing(path + ".dtype");
    } else if (!TensorSpec.FLOAT32.equals(tensor.dtype())) {
      problems.add(
          path + ".dtype: expected \"" + TensorSpec.FLOAT32 + "\", got \"" + tensor.dtype() + "\"");
    }
  }

  private void checkNormalization(CardNormalization normalization, FeatureSpec spec) {
    if (normalization == null) {
      missing("normalization");
      return;
    }
    checkConstants("normalization.mean", normalization.mean(), spec, false);
    checkConstants("normalization.std", normalization.std(), spec, true);
  }

  private void checkConstants(String path, float[] values, FeatureSpec spec, boolean positive) {
    if (values == null) {
      missing(path);
      return;
    }
    if (spec != null && values.length != spec.featureCount()) {
      problems.add(
          path
              + ": expected "
              + spec.featureCount()
              + " values (one per feature "
              + spec.featureNames()
              + "), got "
              + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      float value = values[i];
      if (!Float.isFinite(value)) {
        problems.add(path + "[" + i + "]: must be finite, got " + value);
      } else if (positive && value <= 0f) {
        problems.add(path + "[" + i + "]: must be > 0, got " + value);
      }
    }
  }

  private void checkTraining(TrainingInfo training) {
    if (training == null) {
      missing("training");
      return;
    }
    if (training.data() == null) {
      missing("training.data");
    } else {
      for (int i = 0; i < training.data().size(); i++) {
        checkTrainingFile("training.data[" + i + "]", training.data().get(i));
      }
    }
    if (training.seed() == null) {
      missing("training.seed");
    }
    requireText("training.command", training.command());
  }

  private void checkTrainingFile(String path, TrainingFile file) {
    if (file == null) {
      missing(path);
      return;
    }
    requireText(path + ".file", file.file());
    if (requireText(path + ".sha256", file.sha256()) && !SHA256.matcher(file.sha256()).matches()) {
      problems.add(
          path + ".sha256: expected 64 lowercase hex characters, got \"" + file.sha256() + "\"");
    }
    if (file.rows() == null) {
      missing(path + ".rows");
    } else if (file.rows() < 0) {
      problems.add(path + ".rows: must be >= 0, got " + file.rows());
    }
    requireText(path + ".role", file.role());
  }

  /** Records a problem when {@code value} is missing or blank; true when it is present. */
  private boolean requireText(String path, String value) {
    if (value == null) {
      missing(path);
      return false;
    }
    if (value.isBlank()) {
      problems.add(path + ": must not be blank");
      return false;
    }
    return true;
  }

  private void missing(String path) {
    problems.add(path + ": missing");
  }

  private static String quoted(String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }
}
