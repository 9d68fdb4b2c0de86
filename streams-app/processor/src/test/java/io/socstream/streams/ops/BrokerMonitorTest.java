package io.socstream.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.streams.testing.RecordingLogger;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** The broker monitor on a controlled clock: when it warns, how often, and what it remembers. */
class BrokerMonitorTest {

  private final AtomicLong clock = new AtomicLong(50_000);
  private final AtomicBoolean up = new AtomicBoolean(false);
  private final RecordingLogger log = new RecordingLogger();
  private final BrokerMonitor monitor =
      new BrokerMonitor(
          "localhost:9092",
          () -> {
            if (!up.get()) {
              throw new TimeoutException("Timed out waiting for a node assignment.");
            }
          },
          clock::get,
          log);

  /** Probes every 5 s (as the timer does) for {@code seconds}. */
  private void probeFor(int seconds) {
    for (int s = 0; s < seconds; s += 5) {
      clock.addAndGet(5_000);
      monitor.probe();
    }
  }

  @Test
  void unreachableFromStartWarnsWithin30SecondsThenOnceAMinute() {
    monitor.probe();
    probeFor(15);
    assertThat(log.lines()).isEmpty();
    assertThat(monitor.lastContactMillis()).isEmpty();

    probeFor(10); // 25 s of silence
    assertThat(log.lines())
        .containsExactly(
            "WARN Kafka broker localhost:9092 unreachable for 20 s (TimeoutException: Timed out"
                + " waiting for a node assignment.); retrying (/health/ready answers 503 after 30 s)");

    probeFor(50);
    assertThat(log.lines()).hasSize(1);
    probeFor(5);
    assertThat(log.lines()).hasSize(2);
    assertThat(log.lines().get(1))
        .startsWith("WARN Kafka broker localhost:9092 unreachable for 80 s");
  }

  @Test
  void anAnswerIsRememberedAndARecoveryAfterAWarningIsLogged() {
    up.set(true);
    monitor.probe();
    assertThat(monitor.lastContactMillis()).isEqualTo(OptionalLong.of(50_000));
    assertThat(log.lines()).isEmpty();

    up.set(false);
    probeFor(15);
    assertThat(log.lines()).isEmpty(); // 15 s: not yet worth a warning
    probeFor(10);
    assertThat(log.lines()).hasSize(1);
    assertThat(monitor.lastContactMillis()).isEqualTo(OptionalLong.of(50_000));

    up.set(true);
    probeFor(5);
    assertThat(log.lines().get(1))
        .isEqualTo("INFO Kafka broker localhost:9092 reachable again after 30 s");
    assertThat(monitor.lastContactMillis()).isEqualTo(OptionalLong.of(80_000));
  }
}
