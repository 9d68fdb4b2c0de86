package io.socstream.streams.demo;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socstream.avro.DeadLetter;
import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.core.features.PackLayout;
import io.socstream.core.model.ShippedModel;
import io.socstream.core.serde.MockSchemaRegistry;
import io.socstream.streams.AvroSerdes;
import io.socstream.streams.SocStreamsApp;
import io.socstream.streams.config.SocStreamsConfig;
import io.socstream.streams.tools.Directories;
import io.socstream.streams.tools.LocalKafkaBroker;
import io.socstream.streams.tools.Pacer;
import io.socstream.streams.tools.ProgressBar;
import io.socstream.streams.tools.ReplayInputs;
import io.socstream.streams.tools.ReplayRecord;
import io.socstream.streams.tools.TelemetryReplayer;
import io.socstream.streams.tools.TopicReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * {@code ./soc demo}: the whole pipeline in one process. An in-process single-node KRaft broker and
 * an in-memory schema registry, the real topology under exactly_once_v2 with the given model, the
 * inputs replayed with their original timestamps, and {@code battery.soc} read read_committed until
 * every input's estimates have arrived; then the errors against the recorded SOC label. The broker,
 * its data and the state stores live in a temporary directory that is removed on exit.
 */
public final class DemoRunner {

  /** The schema registry the demo's serdes share (in memory, this process only). */
  public static final String REGISTRY_SCOPE = "demo";

  /**
   * What to run.
   *
   * @param inputs LG CSV files, empty = the bundled drive cycles
   * @param out the output directory
   * @param speed replay at real time × speed, null = as fast as possible
   * @param modelDir the SavedModel directory, null = the shipped one
   * @param idleTimeout fail when no estimate arrives for this long
   * @param pack the wiring of the pack the inputs were measured on ({@code --series/--parallel}):
   *     the engine runs with the same {@code soc.pack.*} and divides them back to one cell. The
   *     bundled inputs are one cell's: they are scaled up to such a pack first, to simulate one.
   */
  public record Options(
      List<Path> inputs,
      Path out,
      Double speed,
      Path modelDir,
      Duration idleTimeout,
      PackLayout pack) {

    /** One cell's telemetry, as before packs existed. */
    public Options(List<Path> inputs, Path out, Double speed, Path modelDir, Duration idleTimeout) {
      this(inputs, out, speed, modelDir, idleTimeout, PackLayout.CELL);
    }
  }

  private DemoRunner() {}

  /**
   * The demo's console shows its own progress: the embedded broker's logs go off, Kafka clients'
   * and Streams' down to errors, and the engine's start-up banner (with the topology) to warnings.
   */
  static void quietLogs() {
    Configurator.setLevel(
        Map.of(
            "kafka",
            Level.OFF,
            "org.apache.kafka",
            Level.ERROR,
            SocStreamsApp.class.getName(),
            Level.WARN));
  }

  /** The model directory: {@code --model}, else the repository's shipped model. */
  public static Path modelDir(Path given) {
    return ShippedModel.resolve(given, "train one with `./soc train` or pass --model DIR");
  }

  /** Runs the demo; returns the per-input results (also written to {@code options.out()}). */
  public static List<DemoReport.InputResult> run(Options options, PrintWriter out, PrintWriter err)
      throws Exception {
    List<DemoInput> inputs =
        options.inputs().isEmpty()
            ? DemoInput.bundledAsPack(options.pack())
            : DemoInput.files(options.inputs());
    Path model = modelDir(options.modelDir());
    Pacer pacer = options.speed() == null ? Pacer.unpaced() : Pacer.realTime(options.speed());
    quietLogs();
    long started = System.nanoTime();

    Path work = Files.createTempDirectory("soc-demo-");
    Resources resources = new Resources(work);
    Thread hook = new Thread(resources::close, "soc-demo-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      err.println("demo: starting a local Kafka broker (KRaft) ...");
      err.flush();
      resources.broker = LocalKafkaBroker.create(work.resolve("kafka"), "127.0.0.1", 0).start();
      String bootstrap = resources.broker.bootstrapServers();
      SocStreamsConfig config = config(bootstrap, model, work.resolve("state"), options.pack());
      createTopics(bootstrap, config);

      resources.app = SocStreamsApp.create(config, new SimpleMeterRegistry());
      SocStreamsApp app = resources.app;
      AtomicReference<String> streamsFailure = new AtomicReference<>();
      app.streams()
          .setUncaughtExceptionHandler(
              e -> {
                streamsFailure.compareAndSet(null, oneLine(e));
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .SHUTDOWN_CLIENT;
              });
      app.streams()
          .setStateListener(
              (now, before) -> {
                if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                  streamsFailure.compareAndSet(null, "Kafka Streams stopped (" + now + ")");
                }
              });
      app.start();

      // The schedule, and what the topology will make of it.
      Map<String, Battery> batteries = new LinkedHashMap<>();
      List<List<ReplayRecord>> schedules = new ArrayList<>();
      long now = System.currentTimeMillis();
      for (DemoInput input : inputs) {
        List<ReplayRecord> records = ReplayInputs.fromCycle(input.cycle(), input.batteryId());
        schedules.add(records);
        batteries.put(
            input.batteryId(),
            new Battery(
                input, records.size(), ExpectedOutput.of(records, app.featureSpec(), config, now)));
      }
      List<ReplayRecord> schedule = ReplayInputs.merge(schedules);
      long expectedEvents = batteries.values().stream().mapToLong(b -> b.expected.events()).sum();
      err.printf(
          Locale.ROOT,
          "demo: model %s, %d input(s) (%s), %d records, replay %s; waiting for %d SOC"
              + " estimates%n",
          app.modelVersion(),
          inputs.size(),
          config.telemetryDescription(),
          schedule.size(),
          options.speed() == null ? "as fast as possible" : "at " + options.speed() + "x real time",
          expectedEvents);
      err.flush();

      Replay replay = new Replay(bootstrap, config, schedule, pacer);
      resources.replay = replay;
      replay.start();

      ProgressBar bar = new ProgressBar(err, "demo", expectedEvents);
      consume(bootstrap, config, batteries, replay, streamsFailure, options.idleTimeout(), bar);
      bar.done();

      List<DemoReport.InputResult> results = new ArrayList<>();
      for (Battery b : batteries.values()) {
        results.add(
            DemoReport.join(
                b.input, b.recordsIn, b.estimates, b.statuses, b.eventsOut, b.deadLetters));
      }
      List<Path> written = DemoReport.write(options.out(), app.modelVersion(), results);
      DemoReport.table(results).forEach(out::println);
      DemoReport.deadLetterLines(results).forEach(out::println);
      out.printf(
          Locale.ROOT,
          "Model %s; errors vs the recorded SOC label, in SOC percentage points. %.1f s.%n",
          app.modelVersion(),
          (System.nanoTime() - started) / 1e9);
      for (Path file : written) {
        out.println("wrote " + file);
      }
      out.flush();
      return results;
    } finally {
      resources.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running (Ctrl-C): it closes the same resources.
      }
    }
  }

  static SocStreamsConfig config(String bootstrap, Path model, Path stateDir, PackLayout pack) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(SocStreamsConfig.BOOTSTRAP_SERVERS, bootstrap);
    settings.put(SocStreamsConfig.APPLICATION_ID, "soc-demo");
    settings.put(
        SocStreamsConfig.SCHEMA_REGISTRY_URL, MockSchemaRegistry.URL_PREFIX + REGISTRY_SCOPE);
    settings.put(SocStreamsConfig.MODEL_DIR, model.toString());
    settings.put(SocStreamsConfig.STATE_DIR, stateDir.toString());
    settings.put(SocStreamsConfig.PROCESSING_GUARANTEE, "exactly_once_v2");
    settings.put(SocStreamsConfig.OPS_PORT, "-1");
    settings.put(SocStreamsConfig.PACK_SERIES, Integer.toString(pack.series()));
    settings.put(SocStreamsConfig.PACK_PARALLEL, Integer.toString(pack.parallel()));
    return SocStreamsConfig.of(settings);
  }

  private static void createTopics(String bootstrap, SocStreamsConfig config) throws Exception {
    // Recorded timestamps are years old: time-based retention would delete them at once.
    Map<String, String> keep = Map.of("retention.ms", "-1");
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(config.telemetryTopic(), 1, (short) 1).configs(keep),
                  new NewTopic(config.socTopic(), 1, (short) 1).configs(keep),
                  new NewTopic(config.dlqTopic(), 1, (short) 1).configs(keep)))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
  }

  /** Reads estimates and dead letters (read_committed) until every battery has all of them. */
  private static void consume(
      String bootstrap,
      SocStreamsConfig config,
      Map<String, Battery> batteries,
      Replay replay,
      AtomicReference<String> streamsFailure,
      Duration idleTimeout,
      ProgressBar bar) {
    Deserializer<SocEstimate> estimates =
        AvroSerdes.socEstimate(config.serdeConfig()).deserializer();
    Deserializer<DeadLetter> deadLetters =
        AvroSerdes.deadLetter(config.serdeConfig()).deserializer();
    ByteArrayDeserializer bytes = new ByteArrayDeserializer();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(TopicReader.consumerConfig(bootstrap), bytes, bytes)) {
      List<TopicPartition> partitions = new ArrayList<>();
      partitions.addAll(assign(consumer, config.socTopic()));
      partitions.addAll(assign(consumer, config.dlqTopic()));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long lastProgress = System.nanoTime();
      while (!complete(batteries) || !replay.finished()) {
        replay.throwIfFailed();
        if (streamsFailure.get() != null) {
          throw new IllegalStateException(
              "The stream processor failed: " + streamsFailure.get() + progress(batteries));
        }
        boolean progressed = false;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
          Battery b = batteries.get(key);
          if (b == null) {
            continue;
          }
          progressed = true;
          if (r.topic().equals(config.socTopic())) {
            SocEstimate e = estimates.deserialize(r.topic(), r.headers(), r.value());
            b.estimates.put(e.getTimestamp().toEpochMilli(), e.getSoc());
            b.statuses.put(e.getTimestamp().toEpochMilli(), e.getStatus().name());
            b.eventsOut++;
            bar.step(1);
          } else {
            DeadLetter d = deadLetters.deserialize(r.topic(), r.headers(), r.value());
            b.deadLetters.add(d.getReason().toString(), d.getMessage());
          }
        }
        if (progressed || replay.running()) {
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > idleTimeout.toNanos()) {
          throw new IllegalStateException(
              "Timed out: no SOC estimate for "
                  + idleTimeout.toSeconds()
                  + " s"
                  + progress(batteries));
        }
      }
    }
  }

  private static List<TopicPartition> assign(KafkaConsumer<?, ?> consumer, String topic) {
    List<TopicPartition> partitions = new ArrayList<>();
    consumer
        .partitionsFor(topic, Duration.ofSeconds(30))
        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    return partitions;
  }

  private static boolean complete(Map<String, Battery> batteries) {
    for (Battery b : batteries.values()) {
      if (b.eventsOut < b.expected.events() || b.deadLetters.total() < b.expected.deadLetters()) {
        return false;
      }
    }
    return true;
  }

  private static String progress(Map<String, Battery> batteries) {
    StringBuilder s = new StringBuilder(" (received:");
    for (Battery b : batteries.values()) {
      s.append(' ')
          .append(b.input.batteryId())
          .append(' ')
          .append(b.eventsOut)
          .append('/')
          .append(b.expected.events())
          .append(" estimates, ")
          .append(b.deadLetters.total())
          .append('/')
          .append(b.expected.deadLetters())
          .append(" dead letters;");
    }
    s.setLength(s.length() - 1);
    return s.append(')').toString();
  }

  /** The message, and the root cause's when it differs, on one line. */
  static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
      message += ": " + root.getMessage();
    }
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /** One input's counts while the demo runs. */
  private static final class Battery {
    final DemoInput input;
    final long recordsIn;
    final ExpectedOutput expected;
    final SortedMap<Long, Double> estimates = new TreeMap<>();
    final Map<Long, String> statuses = new HashMap<>();
    long eventsOut;
    final DeadLetterTally deadLetters = new DeadLetterTally();

    Battery(DemoInput input, long recordsIn, ExpectedOutput expected) {
      this.input = input;
      this.recordsIn = recordsIn;
      this.expected = expected;
    }
  }

  /** The replay, on its own thread so that a paced replay and the consumer run side by side. */
  private static final class Replay {
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean done = new AtomicBoolean();

    Replay(String bootstrap, SocStreamsConfig config, List<ReplayRecord> schedule, Pacer pacer) {
      thread =
          new Thread(
              () -> {
                try (Producer<String, Telemetry> producer =
                    TelemetryReplayer.telemetryProducer(
                        bootstrap, config.schemaRegistryUrl(), !pacer.paced())) {
                  TelemetryReplayer.replay(
                      producer,
                      config.telemetryTopic(),
                      schedule,
                      pacer,
                      new ProgressBar(null, "replay", schedule.size()));
                  done.set(true);
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              },
              "soc-demo-replay");
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    boolean running() {
      return thread.isAlive();
    }

    boolean finished() {
      return done.get();
    }

    void throwIfFailed() {
      Throwable e = failure.get();
      if (e != null) {
        throw new IllegalStateException("Replaying the inputs failed: " + oneLine(e), e);
      }
    }

    void stop() {
      thread.interrupt();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Everything the demo starts, closed once (normally or from the shutdown hook). */
  private static final class Resources {
    private final Path work;
    private final AtomicBoolean closed = new AtomicBoolean();
    volatile LocalKafkaBroker broker;
    volatile SocStreamsApp app;
    volatile Replay replay;

    Resources(Path work) {
      this.work = work;
    }

    void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      if (replay != null) {
        replay.stop();
      }
      if (app != null) {
        try {
          app.streams().close(Duration.ofSeconds(30));
          app.close();
        } catch (RuntimeException e) {
          // Best effort: the broker and the directory go regardless.
        }
      }
      if (broker != null) {
        try {
          broker.stop();
        } catch (RuntimeException e) {
          // Best effort.
        }
      }
      MockSchemaRegistry.dropScope(REGISTRY_SCOPE);
      try {
        Directories.deleteRecursively(work);
      } catch (IOException e) {
        // Left behind in the temporary directory.
      }
    }
  }
}
