package io.socstream.streams.ops;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The readiness rules of {@code soc run}: ready when the broker answered within the last {@link
 * #BROKER_TIMEOUT}, Kafka Streams is RUNNING, and dead letters are at most {@code
 * maxDeadLetterRatio} of the recent records (judged once {@link #MIN_RECORDS} came in). Otherwise
 * not ready, with the first failing rule as the reason, in that order: a broker outage explains a
 * rebalancing Kafka Streams, not the other way round.
 */
public final class EngineReadiness implements Supplier<Readiness> {

  /** How long the broker may stay silent before the instance is not ready. */
  public static final Duration BROKER_TIMEOUT = Duration.ofSeconds(30);

  /** Records needed before the dead-letter share counts: a ratio over 2 records says little. */
  public static final int MIN_RECORDS = 10;

  private final Supplier<KafkaStreams.State> state;
  private final BrokerContact broker;
  private final DeadLetterWindow deadLetters;
  private final double maxDeadLetterRatio;
  private final LongSupplier clockMillis;

  public EngineReadiness(
      Supplier<KafkaStreams.State> state,
      BrokerContact broker,
      DeadLetterWindow deadLetters,
      double maxDeadLetterRatio,
      LongSupplier clockMillis) {
    this.state = state;
    this.broker = broker;
    this.deadLetters = deadLetters;
    this.maxDeadLetterRatio = maxDeadLetterRatio;
    this.clockMillis = clockMillis;
  }

  @Override
  public Readiness get() {
    String s = String.valueOf(state.get());
    long now = clockMillis.getAsLong();
    OptionalLong last = broker.lastContactMillis();
    if (last.isEmpty()) {
      long waited = Math.max(0, now - broker.watchingSinceMillis());
      return Readiness.down(s, "broker not reached yet (for " + seconds(waited) + " s)");
    }
    long silent = now - last.getAsLong();
    if (silent > BROKER_TIMEOUT.toMillis()) {
      return Readiness.down(s, "broker unreachable for " + seconds(silent) + " s");
    }
    if (!s.equals(KafkaStreams.State.RUNNING.name())) {
      return Readiness.down(s, "Kafka Streams is " + s);
    }
    if (deadLetters.records() >= MIN_RECORDS) {
      double ratio = deadLetters.ratio();
      if (ratio > maxDeadLetterRatio) {
        return Readiness.down(
            s,
            String.format(
                Locale.ROOT,
                "dead letters are %.0f %% of the last %d records (limit %.0f %%)",
                ratio * 100,
                deadLetters.records(),
                maxDeadLetterRatio * 100));
      }
    }
    return Readiness.up(s);
  }

  private static long seconds(long millis) {
    return millis / 1000;
  }
}
