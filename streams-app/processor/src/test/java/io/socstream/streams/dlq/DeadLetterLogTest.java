package io.socstream.streams.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.streams.testing.RecordingLogger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One line per dead letter, ten a minute at most, and a summary by reason each minute. */
class DeadLetterLogTest {

  private final AtomicLong clock = new AtomicLong(0);
  private final RecordingLogger logger = new RecordingLogger();
  private final DeadLetterLog log = new DeadLetterLog("battery.telemetry.dlq", clock::get, logger);

  @Test
  void aDeadLetterIsOneLineWithReasonAndCoordinates() {
    log.deadLetter(
        "DESERIALIZATION_ERROR",
        "battery.telemetry",
        3,
        42,
        "SerializationException: Found DeadLetter,\n expecting Telemetry");
    assertThat(logger.lines())
        .containsExactly(
            "WARN Dead letter DESERIALIZATION_ERROR battery.telemetry-3@42:"
                + " SerializationException: Found DeadLetter, expecting Telemetry");
  }

  @Test
  void aFloodIsTenLinesAndASummaryAMinute() {
    for (int i = 0; i < 500; i++) {
      clock.set(i * 100L); // 50 s
      log.deadLetter(i % 5 == 0 ? "OUT_OF_RANGE" : "DESERIALIZATION_ERROR", "t", 0, i, "bad");
    }
    assertThat(logger.lines()).hasSize(DeadLetterLog.LINES_PER_PERIOD);
    clock.set(59_000);
    log.summarizeIfDue();
    assertThat(logger.lines()).hasSize(DeadLetterLog.LINES_PER_PERIOD);
    clock.set(61_000);
    log.summarizeIfDue();
    assertThat(logger.lines()).hasSize(DeadLetterLog.LINES_PER_PERIOD + 1);
    assertThat(logger.lines().get(DeadLetterLog.LINES_PER_PERIOD))
        .isEqualTo(
            "WARN 500 dead letter(s) in the last 61 s by reason: {DESERIALIZATION_ERROR=400,"
                + " OUT_OF_RANGE=100} (490 not logged one by one); the records are in"
                + " battery.telemetry.dlq");

    // A new minute: lines again, and a quiet minute gives no summary.
    log.deadLetter("LATE", "t", 1, 7, "late");
    assertThat(logger.lines().get(logger.lines().size() - 1))
        .isEqualTo("WARN Dead letter LATE t-1@7: late");
    clock.set(200_000);
    log.summarizeIfDue();
    assertThat(logger.lines().get(logger.lines().size() - 1))
        .startsWith("WARN 1 dead letter(s) in the last 139 s by reason: {LATE=1}; the records");
    clock.set(300_000);
    int before = logger.lines().size();
    log.summarizeIfDue();
    assertThat(logger.lines()).hasSize(before);
  }
}
