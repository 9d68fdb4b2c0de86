package io.socstream.core.inference;

import io.socstream.core.model.ModelCard;
import io.socstream.core.model.ModelCardException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;

/**
 * Writes a model directory: the SavedModel of a live session plus its {@link ModelCard}, checked
 * against each other first so that whatever is written loads in {@link SavedModelRunner}.
 *
 * <p>Usage from a training session:
 *
 * <pre>{@code
 * Signature signature = Signature.builder()
 *     .key(CardSignature.DEFAULT_NAME)       // "serving_default"
 *     .input(CardSignature.DEFAULT_INPUT, windowsPlaceholder)   // [-1, T, 1, F, 1] float32
 *     .output(CardSignature.DEFAULT_OUTPUT, socOutput)          // [-1, 1] float32
 *     .build();
 * ModelCard card = ModelCard.create(version, Instant.now(), TensorFlow.version(), spec,
 *     mean, std, training, metrics);
 * SavedModelWriter.export(modelDir, session, signature, card);
 * }</pre>
 */
public final class SavedModelWriter {

  /** The SavedModel tag the runner loads. */
  public static final String SERVE_TAG = "serve";

  private SavedModelWriter() {}

  /**
   * Exports {@code session}'s graph and current variable values with {@code signature} under tag
   * {@value #SERVE_TAG}, then writes {@code card} as {@code dir/model-card.json}.
   *
   * @param dir the model directory; created when missing
   * @param session a session whose variables are initialised (trained)
   * @param signature the serving signature; its key, input and output must match the card
   * @param card the card describing the model
   * @throws ModelCardException when the card is invalid
   * @throws IllegalArgumentException when the signature does not match the card
   * @throws UncheckedIOException when writing fails
   */
  public static void export(Path dir, Session session, Signature signature, ModelCard card) {
    List<String> cardProblems = card.validate();
    if (!cardProblems.isEmpty()) {
      throw new ModelCardException("Invalid model card for " + dir, cardProblems);
    }
    if (!signature.key().equals(card.signature().name())) {
      throw new IllegalArgumentException(
          "Signature key \""
              + signature.key()
              + "\" differs from the card's signature.name \""
              + card.signature().name()
              + "\"");
    }
    List<String> mismatches = SignatureCheck.mismatches(signature, card.signature());
    if (!mismatches.isEmpty()) {
      throw new IllegalArgumentException(
          "Signature does not match the model card: " + String.join("; ", mismatches));
    }
    try {
      SavedModelBundle.exporter(dir.toString())
          .withTags(SERVE_TAG)
          .withFunction(SessionFunction.create(signature, session))
          .export();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot export SavedModel to " + dir, e);
    }
    card.write(dir.resolve(ModelCard.FILE_NAME));
  }
}
