package io.socstream.streams.dlq;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console side of the dead-letter queue: each dead letter is one WARN line (reason,
 * topic-partition@offset, why), up to {@value #LINES_PER_PERIOD} a minute; after that they are only
 * counted, and once a minute one summary line gives the dead letters of that minute by reason. A
 * stream of bad input thus costs a few lines a minute, not one per record (the record itself is in
 * the dead-letter topic). Thread-safe: the stream threads share one instance.
 */
public final class DeadLetterLog {

  /**
   * Key under which {@link io.socstream.streams.config.KafkaStreamsProperties} hands the instance
   * to the exception handlers.
   */
  public static final String CONFIG_KEY = "soc.dead.letter.log.instance";

  /** Individual lines per period; the rest only go into the summary. */
  public static final int LINES_PER_PERIOD = 10;

  /** The summary period. */
  public static final Duration PERIOD = Duration.ofMinutes(1);

  private static final int MAX_MESSAGE = 300;
  private static final Logger DEFAULT_LOG = LoggerFactory.getLogger(DeadLetterLog.class);

  private final Logger log;
  private final LongSupplier clockMillis;
  private final String dlqTopic;
  private final Map<String, Long> byReason = new TreeMap<>();
  private long periodStart;
  private long total;
  private int logged;

  /**
   * @param dlqTopic named in the summary, where the records are
   * @param clockMillis wall clock, milliseconds
   */
  public DeadLetterLog(String dlqTopic, LongSupplier clockMillis, Logger log) {
    this.dlqTopic = dlqTopic;
    this.clockMillis = clockMillis;
    this.log = log;
    this.periodStart = clockMillis.getAsLong();
  }

  /** Logs to this class's logger with the system clock. */
  public DeadLetterLog(String dlqTopic) {
    this(dlqTopic, System::currentTimeMillis, DEFAULT_LOG);
  }

  /** The instance under {@link #CONFIG_KEY} in {@code configs}, else a new one of its own. */
  static DeadLetterLog from(Map<String, ?> configs, String dlqTopic) {
    Object value = configs == null ? null : configs.get(CONFIG_KEY);
    return value instanceof DeadLetterLog shared ? shared : new DeadLetterLog(dlqTopic);
  }

  /** One dead letter of {@code reason} for the record at {@code topic-partition@offset}. */
  public void deadLetter(String reason, String topic, int partition, long offset, String why) {
    boolean logLine;
    synchronized (this) {
      summarizeIfDue();
      byReason.merge(reason, 1L, Long::sum);
      total++;
      logLine = logged < LINES_PER_PERIOD;
      if (logLine) {
        logged++;
      }
    }
    if (logLine) {
      log.warn("Dead letter {} {}-{}@{}: {}", reason, topic, partition, offset, oneLine(why));
    }
  }

  /** Logs the summary of the period when it is over (for a timer; dead letters also trigger it). */
  public synchronized void summarizeIfDue() {
    long now = clockMillis.getAsLong();
    if (now - periodStart < PERIOD.toMillis()) {
      return;
    }
    if (total > 0) {
      long seconds = Math.round((now - periodStart) / 1000.0);
      long unlogged = total - logged;
      log.warn(
          "{} dead letter(s) in the last {} s by reason: {}{}; the records are in {}",
          total,
          seconds,
          byReason,
          unlogged > 0 ? " (" + unlogged + " not logged one by one)" : "",
          dlqTopic);
    }
    byReason.clear();
    total = 0;
    logged = 0;
    periodStart = now;
  }

  private static String oneLine(String text) {
    String line = text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
    return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
  }
}
