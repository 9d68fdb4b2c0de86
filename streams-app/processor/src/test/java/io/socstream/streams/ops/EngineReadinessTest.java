package io.socstream.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** The order of the readiness rules and the minimum sample of the dead-letter rule. */
class EngineReadinessTest {

  private final AtomicLong clock = new AtomicLong(100_000);
  private final AtomicLong contact = new AtomicLong(-1);
  private final AtomicReference<KafkaStreams.State> state =
      new AtomicReference<>(KafkaStreams.State.REBALANCING);
  private final DeadLetterWindow deadLetters = new DeadLetterWindow(1000);
  private final EngineReadiness readiness =
      new EngineReadiness(
          state::get,
          new BrokerContact() {
            @Override
            public OptionalLong lastContactMillis() {
              return contact.get() < 0 ? OptionalLong.empty() : OptionalLong.of(contact.get());
            }

            @Override
            public long watchingSinceMillis() {
              return 90_000;
            }
          },
          deadLetters,
          0.5,
          clock::get);

  @Test
  void aBrokerOutageIsTheReasonBeforeTheStreamsState() {
    assertThat(readiness.get())
        .isEqualTo(Readiness.down("REBALANCING", "broker not reached yet (for 10 s)"));
    contact.set(60_000);
    assertThat(readiness.get())
        .isEqualTo(Readiness.down("REBALANCING", "broker unreachable for 40 s"));
    contact.set(99_000);
    assertThat(readiness.get())
        .isEqualTo(Readiness.down("REBALANCING", "Kafka Streams is REBALANCING"));
    state.set(KafkaStreams.State.RUNNING);
    assertThat(readiness.get()).isEqualTo(Readiness.up("RUNNING"));
  }

  @Test
  void deadLettersCountOnlyOnceTenRecordsCameIn() {
    contact.set(clock.get());
    state.set(KafkaStreams.State.RUNNING);
    for (int i = 0; i < EngineReadiness.MIN_RECORDS - 1; i++) {
      deadLetters.recordIn();
      deadLetters.deadLetter();
    }
    assertThat(readiness.get().ready()).isTrue();
    deadLetters.recordIn();
    deadLetters.deadLetter();
    assertThat(readiness.get())
        .isEqualTo(
            Readiness.down(
                "RUNNING", "dead letters are 100 % of the last 10 records (limit 50 %)"));
  }
}
