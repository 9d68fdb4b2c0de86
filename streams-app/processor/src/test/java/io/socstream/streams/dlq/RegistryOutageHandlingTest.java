package io.socstream.streams.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.core.serde.SchemaRegistryUnavailableException;
import io.socstream.streams.ops.SocMetrics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/**
 * A registry that stays down longer than the deserializer waits: the record is not dead-lettered,
 * the stream thread fails and is replaced; any other fatal error still stops the client.
 */
class RegistryOutageHandlingTest {

  private static SchemaRegistryUnavailableException outage() {
    return new SchemaRegistryUnavailableException(
        "Schema registry http://r:8081 unavailable", null);
  }

  @Test
  void theDeserializationHandlerFailsInsteadOfDeadLetteringDuringAnOutage() {
    SocMetrics metrics = SocMetrics.noop();
    DeadLetterDeserializationExceptionHandler handler =
        new DeadLetterDeserializationExceptionHandler();
    handler.configure(
        Map.of(
            StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
            "dlq",
            "schema.registry.url",
            "mock://outage-handling",
            SocMetrics.CONFIG_KEY,
            metrics));
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>("telemetry", 0, 42L, new byte[] {1}, new byte[] {0, 0, 0, 0, 1});

    DeserializationExceptionHandler.Response response = handler.handleError(null, record, outage());

    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
    assertThat(metrics.recentDeadLetters().ratio()).isZero();
  }

  @Test
  void aThreadKilledByAnOutageIsReplacedAnythingElseStopsTheClient() {
    StreamThreadReplacement rule = new StreamThreadReplacement();

    assertThat(rule.handle(new StreamsException("deserialization failed", outage())))
        .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    assertThat(rule.handle(new StreamsException(new SerializationException("bad bytes"))))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    assertThat(rule.handle(new IllegalStateException("model failed")))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }

  @Test
  void aThreadWhoseTransactionBrokeIsReplaced() {
    StreamThreadReplacement rule = new StreamThreadReplacement();
    // What a broker SIGKILL mid-transaction gave in the reliability suite.
    var broken =
        new StreamsException(
            "commit failed",
            new org.apache.kafka.common.KafkaException(
                new org.apache.kafka.common.errors.InvalidTxnStateException("bad state")));

    assertThat(rule.handle(broken)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    assertThat(
            rule.handle(
                new StreamsException(
                    new org.apache.kafka.common.errors.ProducerFencedException("fenced"))))
        .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }
}
