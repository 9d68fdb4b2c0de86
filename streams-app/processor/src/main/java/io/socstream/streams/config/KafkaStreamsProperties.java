package io.socstream.streams.config;

import io.socstream.streams.dlq.DeadLetterDeserializationExceptionHandler;
import io.socstream.streams.dlq.DeadLetterLog;
import io.socstream.streams.dlq.DeadLetterProcessingExceptionHandler;
import io.socstream.streams.dlq.DeadLetterSchema;
import io.socstream.streams.ops.SocMetrics;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Turns {@link SocStreamsConfig} into the properties of a {@code KafkaStreams} instance. */
public final class KafkaStreamsProperties {

  /** Commit interval under at_least_once unless kafka.commit.interval.ms says otherwise (ms). */
  public static final long AT_LEAST_ONCE_COMMIT_INTERVAL_MS = 1_000;

  private KafkaStreamsProperties() {}

  /** The Kafka Streams configuration for {@code config}; {@code kafka.*} settings win last. */
  public static Properties of(SocStreamsConfig config) {
    return of(config, null);
  }

  /**
   * As {@link #of(SocStreamsConfig)}, handing {@code metrics} (null = none) to the dead-letter
   * exception handlers, which count dead letters by reason in it.
   */
  public static Properties of(SocStreamsConfig config, SocMetrics metrics) {
    return of(config, metrics, null);
  }

  /**
   * As {@link #of(SocStreamsConfig, SocMetrics)}, handing {@code deadLetterLog} (null = each
   * handler logs on its own) to the dead-letter exception handlers, which log every dead letter
   * through it.
   */
  public static Properties of(
      SocStreamsConfig config, SocMetrics metrics, DeadLetterLog deadLetterLog) {
    return of(config, metrics, deadLetterLog, null);
  }

  /**
   * As {@link #of(SocStreamsConfig, SocMetrics, DeadLetterLog)}, handing {@code deadLetterSchema}
   * (null = none) to the handlers, which then write dead letters without asking the registry once
   * it is registered.
   */
  public static Properties of(
      SocStreamsConfig config,
      SocMetrics metrics,
      DeadLetterLog deadLetterLog,
      DeadLetterSchema deadLetterSchema) {
    Properties p = new Properties();
    // Consumer group and prefix of every internal topic (changelogs, repartition).
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    // Where the brokers are.
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    // Local RocksDB state; kept out of /tmp so a reboot does not force a full changelog restore.
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    // Parallelism of this instance; partitions of battery.telemetry bound the useful maximum.
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
    // exactly_once_v2: estimates, DLQ records, store changelogs and input offsets commit together,
    // so windows buffered in the pending store are neither lost nor estimated twice on a crash.
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
    if (StreamsConfig.AT_LEAST_ONCE.equals(config.processingGuarantee())) {
      // Kafka Streams commits every 30 s under at_least_once; after a crash everything since the
      // last commit is processed again, so the duplicates it emits are bounded by this interval.
      p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, AT_LEAST_ONCE_COMMIT_INTERVAL_MS);
    }
    // Every repartition topic and store must be named by us: a generated name would change with
    // the topology and orphan its state.
    p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    // Every task reads exactly one partition (the telemetry topic, then the repartition topic), so
    // there is nothing to synchronise by timestamp across a task's inputs. Disabling the idling
    // check (-1) processes in the same order as the default 0 but skips PartitionGroup's per-loop
    // check, which formats a log message with String.format for every task whose input is empty
    // (about 10 % of the stream thread in a JFR profile of soc bench).
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    // KIP-1034: the topic the exception handlers send dead letters to.
    p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.dlqTopic());
    // Undecodable telemetry (bad bytes, unknown schema id) → DeadLetter, then go on.
    p.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationExceptionHandler.class.getName());
    // Refused telemetry (validation, LATE) and unexpected per-record failures → DeadLetter.
    p.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProcessingExceptionHandler.class.getName());
    // There are no global stores, so this changes nothing today; Kafka Streams 4.3 warns at every
    // StreamsConfig it builds (3x per start) unless it is set, and 5.0 makes it the default. The
    // constant is deprecated (it goes away with 5.0), hence the literal.
    p.put("processing.exception.handler.global.enabled", true);
    // The partition assignor builds a StreamsConfig of its own from the main consumer's settings,
    // which Kafka Streams does not copy this one into: a third warning unless given there too.
    p.put(StreamsConfig.mainConsumerPrefix("processing.exception.handler.global.enabled"), true);
    // A new application starts from the oldest telemetry still retained.
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // Static membership (Kafka Streams appends -<thread index>): a restarted instance rejoins as
    // the same member and gets its tasks back at once, instead of the group waiting for the old
    // member's session to time out (45 s). Same id = same member: every instance needs its own.
    p.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
        config.instanceId());
    // The handlers build DeadLetter records with the Confluent serde: they read these settings.
    config.serdeConfig().forEach(p::put);
    // Escape hatch for anything else Kafka Streams knows (kafka.<setting>).
    config.kafkaOverrides().forEach(p::put);
    if (metrics != null) {
      // An object, not a string: the handlers read it back in configure(); clients ignore it.
      p.put(SocMetrics.CONFIG_KEY, metrics);
    }
    if (deadLetterLog != null) {
      p.put(DeadLetterLog.CONFIG_KEY, deadLetterLog);
    }
    if (deadLetterSchema != null) {
      p.put(DeadLetterSchema.CONFIG_KEY, deadLetterSchema);
    }
    return p;
  }
}
