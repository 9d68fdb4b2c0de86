package io.socstream.core.serde;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a registry call while the registry cannot give a definite answer (unreachable, timed out,
 * any HTTP status but 404): backoff from {@link #FIRST_BACKOFF} doubling up to {@link
 * #MAX_BACKOFF}, a WARN on the first failure and then every {@link #WARN_EVERY}, an INFO when the
 * registry answers again. A definite answer (404, an unparseable schema) is thrown at once. After
 * {@code maxWait} without an answer it throws {@link SchemaRegistryUnavailableException}.
 */
final class RegistryOutageWait {

  static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  static final Duration WARN_EVERY = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(RegistryOutageWait.class);

  private final Duration maxWait;

  RegistryOutageWait(Duration maxWait) {
    this.maxWait = maxWait;
  }

  /** The result of {@code call}, retried while the registry gives no definite answer. */
  <T> T call(String what, String url, Supplier<T> call) {
    long start = System.nanoTime();
    long nextWarn = start;
    long backoff = FIRST_BACKOFF.toMillis();
    int failures = 0;
    while (true) {
      try {
        T result = call.get();
        if (failures > 0) {
          LOG.info(
              "Schema registry {} answers again after {} s: {} resumes",
              url,
              seconds(System.nanoTime() - start),
              what);
        }
        return result;
      } catch (SchemaNotFoundException e) {
        throw e;
      } catch (SchemaRegistryException e) {
        if (!isTransient(e)) {
          throw e;
        }
        failures++;
        long now = System.nanoTime();
        long waited = now - start;
        if (waited >= maxWait.toNanos()) {
          throw new SchemaRegistryUnavailableException(
              String.format(
                  "Schema registry %s unavailable for %d s (%s): %s; giving up on this poll, the"
                      + " record is retried, never dead-lettered",
                  url, seconds(waited), what, e.getMessage()),
              e);
        }
        if (now >= nextWarn) {
          LOG.warn(
              "Schema registry {} unavailable for {} s, waiting for it ({}; retry every <= {} s,"
                  + " nothing is dead-lettered meanwhile): {}",
              url,
              seconds(waited),
              what,
              MAX_BACKOFF.toSeconds(),
              e.getMessage());
          nextWarn = now + WARN_EVERY.toNanos();
        }
        sleep(Math.min(backoff, Math.max(1, (maxWait.toNanos() - waited) / 1_000_000)), e);
        backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
      }
    }
  }

  /** Every failure but a definite answer about the schema itself. */
  static boolean isTransient(SchemaRegistryException e) {
    return !(e instanceof SchemaNotFoundException)
        && !(e.getCause() instanceof SchemaParseException);
  }

  private static long seconds(long nanos) {
    return Duration.ofNanos(nanos).toSeconds();
  }

  private static void sleep(long millis, SchemaRegistryException cause) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryUnavailableException(
          "Interrupted while waiting for the schema registry: " + cause.getMessage(), cause);
    }
  }
}
