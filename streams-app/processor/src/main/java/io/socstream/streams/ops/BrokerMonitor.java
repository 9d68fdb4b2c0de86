package io.socstream.streams.ops;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the cluster for its description every few seconds ({@link #probe()}, driven by a timer) and
 * remembers when it last answered, for the readiness check. Kafka's clients log an unreachable
 * broker only at a level the console hides, so this says it: a WARN once the broker has been silent
 * for {@link #WARN_AFTER}, then once every {@link #WARN_EVERY} while it stays so, and an INFO when
 * it answers again.
 */
public final class BrokerMonitor implements BrokerContact {

  /** How often the timer should call {@link #probe()}. */
  public static final Duration INTERVAL = Duration.ofSeconds(5);

  /** Longest wait for one answer. */
  public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  /** Silence before the first WARN. */
  public static final Duration WARN_AFTER = Duration.ofSeconds(20);

  /** Silence between two WARNs. */
  public static final Duration WARN_EVERY = Duration.ofMinutes(1);

  private static final Logger DEFAULT_LOG = LoggerFactory.getLogger(BrokerMonitor.class);

  /** One request to the cluster; throws when it does not answer. */
  @FunctionalInterface
  public interface Probe {
    void ask() throws Exception;
  }

  private final String servers;
  private final Probe probe;
  private final LongSupplier clockMillis;
  private final Logger log;
  private final long since;
  private volatile long lastContact = -1;
  private long lastWarning = -1;

  /**
   * @param servers the bootstrap servers, for the log lines
   */
  public BrokerMonitor(String servers, Probe probe, LongSupplier clockMillis, Logger log) {
    this.servers = servers;
    this.probe = probe;
    this.clockMillis = clockMillis;
    this.log = log;
    this.since = clockMillis.getAsLong();
  }

  /** A monitor asking {@code admin} for the cluster id, on the system clock. */
  public static BrokerMonitor of(String servers, Admin admin) {
    return new BrokerMonitor(
        servers,
        () ->
            admin
                .describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis()))
                .clusterId()
                .get(PROBE_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS),
        System::currentTimeMillis,
        DEFAULT_LOG);
  }

  /** Asks the cluster once; records an answer, or logs a long silence. */
  public void probe() {
    try {
      probe.ask();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      failed(e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e);
      return;
    }
    long now = clockMillis.getAsLong();
    synchronized (this) {
      if (lastWarning >= 0) {
        log.info(
            "Kafka broker {} reachable again after {} s", servers, (now - silentSince()) / 1000);
        lastWarning = -1;
      }
      lastContact = now;
    }
  }

  private synchronized void failed(Throwable cause) {
    long now = clockMillis.getAsLong();
    long silent = now - silentSince();
    if (silent < WARN_AFTER.toMillis()) {
      return;
    }
    if (lastWarning >= 0 && now - lastWarning < WARN_EVERY.toMillis()) {
      return;
    }
    lastWarning = now;
    log.warn(
        "Kafka broker {} unreachable for {} s ({}); retrying (/health/ready answers 503 after {} s)",
        servers,
        silent / 1000,
        cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
        EngineReadiness.BROKER_TIMEOUT.toSeconds());
  }

  private long silentSince() {
    return lastContact >= 0 ? lastContact : since;
  }

  @Override
  public OptionalLong lastContactMillis() {
    long last = lastContact;
    return last < 0 ? OptionalLong.empty() : OptionalLong.of(last);
  }

  @Override
  public long watchingSinceMillis() {
    return since;
  }
}
