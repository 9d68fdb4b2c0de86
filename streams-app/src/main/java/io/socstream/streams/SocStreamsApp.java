package io.socstream.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.socstream.core.inference.SavedModelRunner;
import io.socstream.core.inference.SavedModelSocModel;
import io.socstream.core.model.ModelCard;
import io.socstream.streams.config.KafkaStreamsProperties;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.ops.SocMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
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

  private final SocStreamsConfig config;
  private final SavedModelRunner runner;
  private final SavedModelSocModel model;
  private final Topology topology;
  private final KafkaStreams streams;
  private final SocMetrics metrics;

  private SocStreamsApp(SocStreamsConfig config, SocMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
    this.runner = openRunner(config);
    try {
      this.model = openModel(config, runner);
      this.topology = SocTopology.buildTopology(config, model, metrics);
      this.streams = new KafkaStreams(topology, KafkaStreamsProperties.of(config, metrics));
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

  private static SavedModelRunner openRunner(SocStreamsConfig config) {
    Path dir = config.modelDir();
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

  private static SavedModelSocModel openModel(SocStreamsConfig config, SavedModelRunner runner) {
    try {
      return new SavedModelSocModel(runner, config.servingSpec(runner.card().featureSpec()));
    } catch (RuntimeException e) {
      throw new StartupException(
          "The model card in "
              + config.modelDir()
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

  /** The model's version, from its card. */
  public String modelVersion() {
    return model.modelVersion();
  }

  public Topology topology() {
    return topology;
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** Starts processing and logs what runs. */
  public void start() {
    LOG.info(
        "Starting soc-stream {}: model {} ({}), TensorFlow {} on {}, feature spec {}, B={} L={}ms"
            + " k={}, {} -> {} (dead letters: {}), guarantee {}, telemetry: {}",
        config.applicationId(),
        model.modelVersion(),
        config.modelDir(),
        runner.tensorflowVersion(),
        runner.device(),
        model.featureSpec(),
        config.batchSize(),
        config.lingerMs(),
        config.emitEvery(),
        config.telemetryTopic(),
        config.socTopic(),
        config.dlqTopic(),
        config.processingGuarantee(),
        config.telemetryDescription());
    LOG.info("Topology:\n{}", topology.describe());
    streams.start();
  }

  @Override
  public void close() {
    streams.close();
    runner.close();
  }

  /** Start-up failed: the message says what to fix. */
  public static final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Runs until interrupted. One optional argument: the properties file (else {@code SOC_CONFIG});
   * environment variables override it.
   */
  public static void main(String[] args) throws InterruptedException {
    String file = args.length > 0 ? args[0] : System.getenv("SOC_CONFIG");
    SocStreamsConfig config = SocStreamsConfig.load(file == null ? null : Path.of(file));
    SocStreamsApp app;
    try {
      app = create(config);
    } catch (StartupException | IllegalArgumentException e) {
      System.err.println("soc-stream: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  stopped.countDown();
                },
                "soc-stream-shutdown"));
    app.start();
    stopped.await();
  }
}
