package io.socstream.streams.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.fusion.FusionParameters;
import io.socstream.core.inference.RunnerOptions;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.core.inference.TinyModelFactory;
import io.socstream.core.model.CardFusion;
import io.socstream.core.model.ModelArchive;
import io.socstream.core.model.ModelCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;

/** Tiny real SavedModels with chosen versions, as directories, archives and publications. */
public final class RolloutFixtures {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RolloutFixtures() {}

  /** Exports the tiny model for {@code spec} to {@code dir} with card version {@code version}. */
  public static Path export(Path dir, FeatureSpec spec, String version) {
    TinyModelFactory.export(dir, spec);
    Path card = dir.resolve(ModelCard.FILE_NAME);
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(card.toFile());
      node.put("model_version", version);
      JSON.writerWithDefaultPrettyPrinter().writeValue(card.toFile(), node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ModelCard.read(card);
    return dir;
  }

  /** Like {@link #export}, with a card whose {@code fusion} section holds {@code fusion}. */
  public static Path exportWithFusion(
      Path dir, FeatureSpec spec, String version, FusionParameters fusion) {
    export(dir, spec, version);
    Path card = dir.resolve(ModelCard.FILE_NAME);
    ModelCard.read(card).withFusion(CardFusion.of(fusion, null)).write(card);
    return dir;
  }

  /** A publication of {@code dir} for {@code role} at {@code offset}. */
  public static PublishedModel published(Path dir, ModelRole role, long offset) {
    byte[] archive = ModelArchive.pack(dir);
    return new PublishedModel(
        role, ModelArchive.card(archive).modelVersion(), Instant.now(), 0, offset, archive);
  }

  /**
   * A watcher of {@code topic} (read through {@code consumer}) that loads into {@code models} as
   * the engine does, reporting refusals with {@code publisher}.
   */
  public static ModelTopicWatcher watcher(
      Consumer<String, byte[]> consumer,
      String topic,
      SwappableSocModel models,
      RolloutMetrics metrics,
      RefusalPublisher publisher) {
    return new ModelTopicWatcher(
        consumer,
        topic,
        models,
        new ModelLoader(models.featureSpec(), RunnerOptions.defaults(), metrics),
        metrics,
        publisher);
  }

  /** Opens {@code dir} as a model in service; {@code closed} turns true when it is released. */
  public static LoadedModel open(Path dir, AtomicBoolean closed) {
    SavedModelSocModel model = SavedModelSocModel.open(dir);
    return new LoadedModel(
        model,
        dir.toString(),
        new RolloutMetrics(new SimpleMeterRegistry())
            .modelCalls(model.modelVersion(), ModelRole.PRIMARY),
        () -> closed.set(true));
  }
}
