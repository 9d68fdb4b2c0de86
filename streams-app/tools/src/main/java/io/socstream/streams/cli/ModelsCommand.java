package io.socstream.streams.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.socstream.core.inference.RunnerOptions;
import io.socstream.core.inference.SavedModelRunner;
import io.socstream.core.model.ModelArchive;
import io.socstream.core.model.ModelCard;
import io.socstream.core.model.ShippedModel;
import io.socstream.streams.rollout.ModelRole;
import io.socstream.streams.rollout.ModelsTopic;
import io.socstream.streams.rollout.PublishedModel;
import io.socstream.streams.rollout.RefusalReport;
import io.socstream.streams.tools.BrokerProbe;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./soc models}: publish a model to the models topic, withdraw the shadow, list what is
 * published. Running engines ({@code ./soc run}) follow the topic and swap models without a
 * restart.
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "Model rollout over Kafka: every running engine follows the compacted models topic and puts"
          + " a newly published primary into service at the next batch, without a restart; a"
          + " shadow runs beside it and writes to battery.soc.shadow."
    },
    subcommands = {
      ModelsCommand.Publish.class,
      ModelsCommand.Withdraw.class,
      ModelsCommand.ListModels.class
    })
public final class ModelsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: publish, withdraw or list");
  }

  /** Options every subcommand shares: the bootstrap servers and the models topic. */
  static final class TopicOptions extends BootstrapServersOption {
    @Option(
        names = "--topic",
        defaultValue = ModelsTopic.DEFAULT_NAME,
        paramLabel = "TOPIC",
        description =
            "The models topic (the engine's soc.topic.models). Default: ${DEFAULT-VALUE}.")
    String topic;
  }

  /** Runs {@code body}; a failure is one line {@code soc models: ...} on stderr and exit 1. */
  static int oneLineErrors(CommandLine.Model.CommandSpec spec, Callable<Integer> body) {
    try {
      return body.call();
    } catch (CommandLine.ParameterException e) {
      throw e;
    } catch (Exception e) {
      spec.commandLine().getErr().println("soc models: " + ProcessorCli.oneLine(e));
      return ProcessorCli.FAILED;
    }
  }

  /** {@code ./soc models publish}. */
  @Command(
      name = "publish",
      mixinStandardHelpOptions = true,
      description = {
        "Validates a model directory (card and SavedModel, as start-up does), packs it into one"
            + " record and produces it to the models topic (created if missing: compacted, one"
            + " partition, retention -1), keyed by role. Promote a shadow = publish it as"
            + " primary; roll back = publish the previous model again."
      })
  static final class Publish implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin TopicOptions options = new TopicOptions();

    @Option(
        names = "--model",
        paramLabel = "DIR",
        description = "SavedModel directory with model-card.json (default: the shipped model).")
    Path model;

    @Option(
        names = "--role",
        defaultValue = "primary",
        paramLabel = "ROLE",
        description = "primary (makes the estimates) or shadow. Default: ${DEFAULT-VALUE}.")
    String role;

    @Option(
        names = "--replication",
        defaultValue = "1",
        paramLabel = "N",
        description = "Replication factor if the topic is created. Default: ${DEFAULT-VALUE}.")
    short replication;

    @Override
    public Integer call() {
      ModelRole parsed = ModelRole.ofKey(role.toLowerCase(Locale.ROOT));
      if (parsed == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--role must be primary or shadow, was " + role);
      }
      return oneLineErrors(spec, () -> publish(parsed));
    }

    private int publish(ModelRole parsed) throws Exception {
      Path dir = ShippedModel.resolve(model, "pass --model DIR");
      byte[] archive = ModelArchive.pack(dir);
      ModelCard card = ModelArchive.card(archive);
      // The engine's loading path: signature and card against the SavedModel itself.
      try (SavedModelRunner runner = SavedModelRunner.open(dir, RunnerOptions.defaults())) {
        runner.card();
      }
      BrokerProbe.requireReachable(options.bootstrapServers, BrokerProbe.DEFAULT_TIMEOUT);
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers))) {
        ModelsTopic.ensure(admin, options.topic, replication, Duration.ofSeconds(30));
      }
      RecordMetadata sent =
          send(ModelsTopic.record(options.topic, parsed, card, archive, Instant.now()));
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "Published model %s as %s to %s (partition %d, offset %d, %d KB; features %s)%n",
              card.modelVersion(),
              parsed.key(),
              options.topic,
              sent.partition(),
              sent.offset(),
              Math.round(archive.length / 1024.0),
              features(card));
      return ProcessorCli.OK;
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record) throws Exception {
      return ModelsCommand.send(options.bootstrapServers, record);
    }
  }

  /** {@code ./soc models withdraw}. */
  @Command(
      name = "withdraw",
      mixinStandardHelpOptions = true,
      description = {
        "Withdraws the shadow model (a tombstone for key shadow): engines stop running it. The"
            + " primary cannot be withdrawn, only replaced (publish another one)."
      })
  static final class Withdraw implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin TopicOptions options = new TopicOptions();

    @Option(
        names = "--role",
        defaultValue = "shadow",
        paramLabel = "ROLE",
        description = "Only shadow. Default: ${DEFAULT-VALUE}.")
    String role;

    @Override
    public Integer call() {
      if (!ModelRole.SHADOW.key().equals(role)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "only the shadow can be withdrawn; replace the primary with models publish");
      }
      return oneLineErrors(
          spec,
          () -> {
            BrokerProbe.requireReachable(options.bootstrapServers, BrokerProbe.DEFAULT_TIMEOUT);
            RecordMetadata sent =
                send(
                    options.bootstrapServers,
                    ModelsTopic.withdrawal(options.topic, ModelRole.SHADOW, Instant.now()));
            spec.commandLine()
                .getOut()
                .printf(
                    "Withdrew the shadow model from %s (offset %d)%n",
                    options.topic, sent.offset());
            return ProcessorCli.OK;
          });
    }
  }

  /** {@code ./soc models list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "Reads the models topic from the beginning to its end and prints each publication: role,"
            + " version, when it was published, when the card was created, feature spec and the"
            + " card's validation metrics. The newest per role is marked '*': what engines run,"
            + " unless they refused it: the refusals engines reported follow the table (instance,"
            + " role, version, when, why; a refusal is removed once that instance serves a newer"
            + " publication of the role)."
      })
  static final class ListModels implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin TopicOptions options = new TopicOptions();

    @Override
    public Integer call() {
      return oneLineErrors(
          spec,
          () -> {
            BrokerProbe.requireReachable(options.bootstrapServers, BrokerProbe.DEFAULT_TIMEOUT);
            ModelsTopic.Contents contents;
            try (KafkaConsumer<String, byte[]> consumer = consumer(options.bootstrapServers)) {
              contents = ModelsTopic.readContents(consumer, options.topic, Duration.ofSeconds(30));
            }
            PrintWriter out = spec.commandLine().getOut();
            print(contents.published(), options.topic, out);
            printRefusals(contents.refusals(), out);
            return ProcessorCli.OK;
          });
    }
  }

  /** Prints the table of {@code published}. */
  static void print(List<PublishedModel> published, String topic, PrintWriter out) {
    if (published.isEmpty()) {
      out.println("No models published to " + topic);
      return;
    }
    Map<ModelRole, PublishedModel> newest = new EnumMap<>(ModelRole.class);
    for (PublishedModel p : published) {
      newest.put(p.role(), p);
    }
    String format = "%-1s %-8s %-36s %-20s %-20s %-28s %s%n";
    out.printf(
        Locale.ROOT,
        format,
        "",
        "ROLE",
        "VERSION",
        "PUBLISHED",
        "CARD CREATED",
        "FEATURES",
        "METRICS");
    for (PublishedModel p : published) {
      String mark = newest.get(p.role()).offset() == p.offset() ? "*" : "";
      if (p.withdrawn()) {
        out.printf(
            Locale.ROOT,
            format,
            mark,
            p.role().key(),
            "(withdrawn)",
            seconds(p.publishedAt()),
            "",
            "",
            "");
        continue;
      }
      String created;
      String features;
      String metrics;
      try {
        ModelCard card = p.card();
        created = seconds(card.createdInstant());
        features = features(card);
        metrics = metrics(card.metrics());
      } catch (RuntimeException e) {
        created = "";
        features = "";
        metrics = "invalid: " + ProcessorCli.oneLine(e);
      }
      out.printf(
          Locale.ROOT,
          format,
          mark,
          p.role().key(),
          p.modelVersion(),
          seconds(p.publishedAt()),
          created,
          features,
          metrics);
    }
  }

  /** Prints the refusals engines reported, if any. */
  static void printRefusals(List<RefusalReport> refusals, PrintWriter out) {
    if (refusals.isEmpty()) {
      return;
    }
    out.println();
    out.println("Refused by running engines (each keeps the model it ran before):");
    String format = "  %-20s %-8s %-36s %-20s %s%n";
    out.printf(Locale.ROOT, format, "INSTANCE", "ROLE", "VERSION", "REFUSED", "REASON");
    for (RefusalReport r : refusals) {
      out.printf(
          Locale.ROOT,
          format,
          r.instance(),
          r.role().key(),
          r.version() + " @" + r.offset(),
          seconds(r.at()),
          r.reason());
    }
  }

  /** {@code T=30 h=[500]s gap=60000ms}. */
  static String features(ModelCard card) {
    var spec = card.featureSpec();
    return "T="
        + spec.windowLength()
        + " h="
        + spec.averagingHorizonsSeconds()
        + "s gap="
        + spec.maxGapMs()
        + "ms";
  }

  /** {@code validation mae 0.0065 rmse 0.0096 max 0.0616} for each section with pooled errors. */
  static String metrics(JsonNode metrics) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, JsonNode> section : metrics.properties()) {
      JsonNode pooled = section.getValue().path("pooled");
      if (pooled.has("mae") && pooled.has("rmse")) {
        if (out.length() > 0) {
          out.append("; ");
        }
        out.append(
            String.format(
                Locale.ROOT,
                "%s mae %.4f rmse %.4f",
                section.getKey(),
                pooled.get("mae").asDouble(),
                pooled.get("rmse").asDouble()));
        if (pooled.has("max_abs_error")) {
          out.append(
              String.format(Locale.ROOT, " max %.4f", pooled.get("max_abs_error").asDouble()));
        }
      }
    }
    return out.length() == 0 ? "-" : out.toString();
  }

  private static String seconds(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static RecordMetadata send(String bootstrapServers, ProducerRecord<String, byte[]> record)
      throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      return producer.send(record).get();
    }
  }

  static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024 * 1024);
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
