package io.socstream.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.socstream.core.inference.SavedModelRunner;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.core.model.ModelCard;
import io.socstream.core.model.ShippedModel;
import io.socstream.streams.config.KafkaStreamsProperties;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.dlq.DeadLetterLog;
import io.socstream.streams.dlq.DeadLetterSchema;
import io.socstream.streams.dlq.StreamThreadReplacement;
import io.socstream.streams.ops.SocMetrics;
import io.socstream.streams.ops.StreamsStateLog;
import io.socstream.streams.rollout.LoadedModel;
import io.socstream.streams.rollout.ModelRole;
import io.socstream.streams.rollout.ModelTopicWatcher;
import io.socstream.streams.rollout.RolloutMetrics;
import io.socstream.streams.rollout.SwappableSocModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires configuration, model, topology and {@link KafkaStreams}. Start-up fails with a clear
 * message when the model directory or its card is missing or invalid, or when the card's feature
 * spec differs from the configured one.
 */
public final class SocStreamsApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SocStreamsApp.class);

  /** How long {@link #close()} waits for Kafka Streams to commit and stop. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final SocStreamsConfig config;
  private final Path modelDir;
  private final SavedModelRunner runner;
  private final SavedModelSocModel model;
  private final SwappableSocModel models;
  private ModelTopicWatcher watcher;
  private final Topology topology;
  private final KafkaStreams streams;
  private final SocMetrics metrics;
  private final DeadLetterLog deadLetterLog;
  private final DeadLetterSchema deadLetterSchema;
  private final StreamsStateLog stateLog = new StreamsStateLog();

  private SocStreamsApp(SocStreamsConfig config, SocMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
    this.deadLetterLog = new DeadLetterLog(config.dlqTopic());
    this.deadLetterSchema = DeadLetterSchema.of(config.serdeConfig(), config.dlqTopic());
    this.modelDir = modelDir(config);
    this.runner = openRunner(modelDir, config);
    try {
      this.model = openModel(modelDir, config, runner);
      // Rollout: the topology serves whatever model is current; this one until one is published.
      this.models =
          new SwappableSocModel(
              new LoadedModel(
                  model,
                  modelDir.toString(),
                  new RolloutMetrics(metrics.registry())
                      .modelCalls(model.modelVersion(), ModelRole.PRIMARY),
                  runner));
      this.topology = SocTopology.buildTopology(config, models, metrics);
      this.streams =
          new KafkaStreams(
              topology,
              KafkaStreamsProperties.of(config, metrics, deadLetterLog, deadLetterSchema));
      streams.setStateListener(stateLog);
      streams.setUncaughtExceptionHandler(new StreamThreadReplacement());
      streams.setGlobalStateRestoreListener(stateLog);
    } catch (RuntimeException e) {
      runner.close();
      throw e;
    }
  }

  /** Loads the model and builds the topology; {@link #start()} starts processing. */
  public static SocStreamsApp create(SocStreamsConfig config) {
    return new SocStreamsApp(config, SocMetrics.noop());
  }

  /**
   * As {@link #create(SocStreamsConfig)}, with the engine's meters ({@link SocMetrics}: records in,
   * estimates out, dead letters by reason, model calls) registered in {@code registry}.
   */
  public static SocStreamsApp create(SocStreamsConfig config, MeterRegistry registry) {
    return new SocStreamsApp(config, new SocMetrics(registry));
  }

  /** {@code soc.model.dir} when set, else the shipped model. */
  private static Path modelDir(SocStreamsConfig config) {
    return config
        .modelDir()
        .orElseGet(
            () ->
                ShippedModel.find()
                    .orElseThrow(
                        () ->
                            new StartupException(
                                ShippedModel.notFound()
                                    + "; set "
                                    + SocStreamsConfig.MODEL_DIR
                                    + " (or SOC_MODEL_DIR) to a SavedModel directory with its "
                                    + ModelCard.FILE_NAME,
                                null)));
  }

  private static SavedModelRunner openRunner(Path dir, SocStreamsConfig config) {
    if (!Files.isDirectory(dir)) {
      throw new StartupException(
          "Model directory "
              + dir
              + " does not exist; set "
              + SocStreamsConfig.MODEL_DIR
              + " (or SOC_MODEL_DIR) to a SavedModel directory with its "
              + ModelCard.FILE_NAME,
          null);
    }
    if (!Files.isRegularFile(dir.resolve(ModelCard.FILE_NAME))) {
      throw new StartupException(
          "Model directory " + dir + " has no " + ModelCard.FILE_NAME + " (the model card)", null);
    }
    try {
      return SavedModelRunner.open(dir, config.runnerOptions());
    } catch (RuntimeException e) {
      throw new StartupException("Cannot load the model in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static SavedModelSocModel openModel(
      Path modelDir, SocStreamsConfig config, SavedModelRunner runner) {
    try {
      return new SavedModelSocModel(runner, config.servingSpec(runner.card().featureSpec()));
    } catch (RuntimeException e) {
      throw new StartupException(
          "The model card in "
              + modelDir
              + " does not match the configured features: "
              + e.getMessage(),
          e);
    }
  }

  /** The engine's meters. */
  public SocMetrics metrics() {
    return metrics;
  }

  /** The feature spec served (the model card's, with the configured overrides). */
  public io.socstream.core.features.FeatureSpec featureSpec() {
    return model.featureSpec();
  }

  /** The version of the primary model in service now, from its card. */
  public String modelVersion() {
    return models.currentPrimary().modelVersion();
  }

  /** The models in service (primary, shadow), replaced as the models topic is followed. */
  public SwappableSocModel models() {
    return models;
  }

  /**
   * Reads the models topic ({@code soc.topic.models}) to its end and puts the newest published
   * primary and shadow into service, then follows the topic in the background; call before {@link
   * #start()}. Without publications the model of {@code soc.model.dir} (or the shipped one) stays.
   *
   * @return the watcher (its {@link ModelTopicWatcher#view()} is the ops endpoint's {@code
   *     /models}); closed by {@link #close()}
   * @throws java.util.concurrent.TimeoutException when the topic's end is not reached in time
   */
  public synchronized ModelTopicWatcher followModels(Duration timeout)
      throws java.util.concurrent.TimeoutException {
    if (watcher == null) {
      ModelTopicWatcher w =
          ModelTopicWatcher.create(config, models, new RolloutMetrics(metrics.registry()));
      try {
        w.catchUp(timeout);
      } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
        w.close();
        throw e;
      }
      w.start();
      watcher = w;
    }
    return watcher;
  }

  public Topology topology() {
    return topology;
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** The model directory in use: {@code soc.model.dir}, or the shipped model. */
  public Path modelDir() {
    return modelDir;
  }

  /**
   * The DeadLetter schema: {@link DeadLetterSchema#register()} before {@link #start()} so that dead
   * letters never need the registry afterwards.
   */
  public DeadLetterSchema deadLetterSchema() {
    return deadLetterSchema;
  }

  /** Where the dead-letter handlers log; {@link DeadLetterLog#summarizeIfDue()} for a timer. */
  public DeadLetterLog deadLetterLog() {
    return deadLetterLog;
  }

  /**
   * Also tells {@code listener} of every Kafka Streams state change (state changes are logged at
   * INFO in any case). Use this, not {@code streams().setStateListener}, which would replace the
   * logging one.
   */
  public void addStateListener(KafkaStreams.StateListener listener) {
    stateLog.addStateListener(listener);
  }

  /** Starts processing and logs what runs in one line. */
  public void start() {
    start(null);
  }

  /**
   * Starts processing and logs what runs in one line, naming {@code opsUrl} (null = no ops
   * endpoint). The topology's description goes to DEBUG.
   */
  public void start(String opsUrl) {
    LOG.info(startLine(opsUrl));
    LOG.debug("Topology:\n{}", topology.describe());
    streams.start();
  }

  /** The start line: version, model, TensorFlow and device, topics, guarantee, ops endpoint. */
  public String startLine(String opsUrl) {
    return String.format(
        java.util.Locale.ROOT,
        "soc-stream %s: model %s (%s), TensorFlow %s on %s, %s -> %s (dead letters %s) on %s,"
            + " %s, application %s, instance %s, %s; telemetry: %s",
        io.socstream.core.BuildInfo.current().version(),
        modelVersion(),
        modelDir,
        runner.tensorflowVersion(),
        runner.device(),
        config.telemetryTopic(),
        config.socTopic(),
        config.dlqTopic(),
        config.bootstrapServers(),
        config.processingGuarantee(),
        config.applicationId(),
        config.instanceId(),
        opsUrl == null ? "no ops endpoint" : "ops " + opsUrl,
        config.telemetryDescription());
  }

  /** Closes Kafka Streams (waiting at most {@link #CLOSE_TIMEOUT}) and then the model. */
  @Override
  public void close() {
    close(CLOSE_TIMEOUT);
  }

  /**
   * Closes Kafka Streams, waiting at most {@code timeout}, then the model's native resources.
   *
   * @return true when Kafka Streams closed cleanly within the timeout; false leaves the model open,
   *     since a stream thread that did not stop may still call it
   */
  public boolean close(Duration timeout) {
    synchronized (this) {
      if (watcher != null) {
        watcher.close();
        watcher = null;
      }
    }
    boolean clean = streams.close(timeout);
    if (clean) {
      models.close();
    }
    return clean;
  }

  /** Start-up failed: the message says what to fix. */
  public static final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
