package io.socstream.streams.rollout;

import io.socstream.core.inference.SocModel;
import io.socstream.streams.config.KafkaStreamsProperties;
import io.socstream.streams.config.SocStreamsConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the models topic and puts what is published into service on a {@link SwappableSocModel}:
 * {@link #catchUp} reads the topic to its end before the engine starts (so a restart, or a new
 * instance, starts with the newest published primary), then {@link #start()} follows it on a thread
 * of its own. Each publication is loaded there, in the background ({@link ModelLoader}); a model
 * that does not load or whose features differ from the pipeline's is refused (WARN, {@code
 * soc_model_refusals_total}, listed by {@link #view()}, and reported to the topic for {@code ./soc
 * models list} by the {@link RefusalPublisher}) and the running model stays. At start-up a refused
 * newest publication falls back to the role's previous one still in the topic, so a restarted
 * instance serves what the running ones serve.
 *
 * <p>A plain consumer without a group ({@code read_committed}, every partition assigned, from the
 * beginning): every instance sees every publication.
 */
public final class ModelTopicWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelTopicWatcher.class);

  /** Refusals kept for {@link #view()}. */
  static final int KEPT_REFUSALS = 10;

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final SwappableSocModel models;
  private final ModelLoader loader;
  private final RolloutMetrics metrics;
  private final RefusalPublisher publisher;
  private final List<RefusalReport> refusals = new CopyOnWriteArrayList<>();
  private volatile boolean running;
  private Thread thread;

  /** A watcher that reports its refusals with {@code publisher} (closed by {@link #close()}). */
  public ModelTopicWatcher(
      Consumer<String, byte[]> consumer,
      String topic,
      SwappableSocModel models,
      ModelLoader loader,
      RolloutMetrics metrics,
      RefusalPublisher publisher) {
    this.consumer = consumer;
    this.topic = topic;
    this.models = models;
    this.loader = loader;
    this.metrics = metrics;
    this.publisher = publisher;
  }

  /** A watcher of {@code config}'s models topic with a consumer of its own. */
  public static ModelTopicWatcher create(
      SocStreamsConfig config, SwappableSocModel models, RolloutMetrics metrics) {
    return new ModelTopicWatcher(
        new KafkaConsumer<>(consumerConfig(config)),
        config.modelsTopic(),
        models,
        new ModelLoader(models.featureSpec(), config.runnerOptions(), metrics),
        metrics,
        new RefusalPublisher(
            new KafkaProducer<>(producerConfig(config)),
            config.modelsTopic(),
            config.instanceId()));
  }

  /** Kafka Streams' producer settings (every kafka.* override), not transactional. */
  static Map<String, Object> producerConfig(SocStreamsConfig config) {
    Map<String, Object> c =
        new LinkedHashMap<>(
            new StreamsConfig(KafkaStreamsProperties.of(config))
                .getProducerConfigs(config.applicationId() + "-models-status"));
    c.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    // A report, not data: give up after a while rather than hold it forever.
    c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return c;
  }

  /** Kafka Streams' client settings (every kafka.* override) for a group-less, committed reader. */
  static Map<String, Object> consumerConfig(SocStreamsConfig config) {
    Map<String, Object> c =
        new LinkedHashMap<>(
            new StreamsConfig(KafkaStreamsProperties.of(config))
                .getGlobalConsumerConfigs(config.applicationId() + "-models"));
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // A missing models topic must not be auto-created (uncompacted) by reading it.
    c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024 * 1024);
    c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    return c;
  }

  /**
   * Reads the topic from the beginning to its end and puts the newest publication of each role into
   * service; when that one is refused, the role's previous publication, and so on (an empty topic
   * changes nothing).
   *
   * @throws TimeoutException when the end is not reached within {@code timeout}
   */
  public void catchUp(Duration timeout) throws TimeoutException {
    ModelsTopic.Contents contents = ModelsTopic.readContents(consumer, topic, timeout);
    contents.refusals().forEach(publisher::known);
    Map<ModelRole, List<PublishedModel>> byRole = new EnumMap<>(ModelRole.class);
    for (PublishedModel p : contents.published()) {
      byRole.computeIfAbsent(p.role(), r -> new ArrayList<>()).add(p);
    }
    for (List<PublishedModel> publications : byRole.values()) {
      for (int i = publications.size() - 1; i >= 0; i--) {
        if (apply(publications.get(i))) {
          break;
        }
      }
    }
  }

  /** Follows the topic from where {@link #catchUp} stopped, on a daemon thread. */
  public synchronized void start() {
    running = true;
    thread = new Thread(this::follow, "soc-model-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void follow() {
    try {
      while (running) {
        if (consumer.assignment().isEmpty()) {
          // The topic did not exist at catch-up: read it from the beginning once it does.
          if (!ModelsTopic.assignFromBeginning(consumer, topic, Duration.ofSeconds(5))) {
            Thread.sleep(1000);
          }
          continue;
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          PublishedModel p = ModelsTopic.parse(record);
          if (p != null) {
            apply(p);
          }
        }
      }
    } catch (WakeupException
        | InterruptedException
        | org.apache.kafka.common.errors.InterruptException e) {
      // close(): stop.
    } catch (RuntimeException e) {
      LOG.error(
          "Stopped following the models topic {} (the running models stay): {}",
          topic,
          e.toString());
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
    }
  }

  /**
   * Puts {@code p} into service or refuses it.
   *
   * @return false when refused
   */
  boolean apply(PublishedModel p) {
    ModelRole role = p.role();
    SocModel running = role == ModelRole.PRIMARY ? models.currentPrimary() : models.currentShadow();
    if (p.withdrawn()) {
      if (role == ModelRole.SHADOW) {
        models.swapShadow(null);
        LOG.info("Shadow model withdrawn ({}); no shadow runs now", p.describe());
      } else {
        LOG.warn(
            "The primary model was withdrawn ({}); model {} keeps running",
            p.describe(),
            running.modelVersion());
      }
      publisher.serving(role, p.offset());
      return true;
    }
    if (running != null && running.modelVersion().equals(p.modelVersion())) {
      LOG.info("Model {} is already the {} model", p.describe(), role.key());
      publisher.serving(role, p.offset());
      return true;
    }
    long started = System.nanoTime();
    LoadedModel loaded;
    try {
      loaded = loader.load(p);
      if (role == ModelRole.PRIMARY) {
        models.swapPrimary(loaded);
      } else {
        models.swapShadow(loaded);
      }
    } catch (RuntimeException e) {
      refuse(p, running, e);
      return false;
    }
    metrics.swapped(role);
    publisher.serving(role, p.offset());
    LOG.info(
        "Model rollout: {} model {} -> {} (loaded in {} ms, from {})",
        role.key(),
        running == null ? "none" : running.modelVersion(),
        p.modelVersion(),
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        p.describe());
    return true;
  }

  private void refuse(PublishedModel p, SocModel running, RuntimeException e) {
    metrics.refused(p.role());
    String reason =
        e.getMessage() == null ? e.toString() : e.getMessage().replaceAll("\\s+", " ").strip();
    LOG.warn(
        "Refused model {}: {}; {}",
        p.describe(),
        reason,
        running == null
            ? "no " + p.role().key() + " runs"
            : running.modelVersion() + " keeps running");
    RefusalReport report =
        new RefusalReport(
            publisher.instance(), p.role(), p.modelVersion(), p.offset(), Instant.now(), reason);
    refusals.add(report);
    publisher.refused(report);
    while (refusals.size() > KEPT_REFUSALS) {
      refusals.remove(0);
    }
  }

  /** The refusals seen so far (newest last, at most {@value #KEPT_REFUSALS}). */
  public List<RefusalReport> refusals() {
    return List.copyOf(refusals);
  }

  /** What {@code GET /models} answers: topic, models in service by role, refusals. */
  public Map<String, Object> view() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("topic", topic);
    out.put("features", models.featureSpec().toString());
    out.put("primary", describe(models.currentPrimary()));
    out.put("shadow", describe(models.currentShadow()));
    List<Map<String, Object>> refused = new ArrayList<>();
    for (RefusalReport r : refusals) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("version", r.version());
      one.put("role", r.role().key());
      one.put("offset", r.offset());
      one.put("at", r.at().toString());
      one.put("reason", r.reason());
      refused.add(one);
    }
    out.put("refused", refused);
    return out;
  }

  private static Map<String, Object> describe(SocModel model) {
    if (model == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", model.modelVersion());
    if (model instanceof LoadedModel loaded) {
      out.put("source", loaded.source());
      out.put("loaded_at", loaded.loadedAt().toString());
    }
    return out;
  }

  /** Stops following and closes the consumer (the models stay in service). */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
    }
    try {
      if (t == null) {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
        return;
      }
      consumer.wakeup();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } finally {
      publisher.close();
    }
  }
}
