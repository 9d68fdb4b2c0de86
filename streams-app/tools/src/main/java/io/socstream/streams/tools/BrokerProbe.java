package io.socstream.streams.tools;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Asks the cluster for its id before a tool starts work, so that a wrong address or a stopped
 * broker fails in seconds with one line instead of after the clients' long timeouts.
 */
public final class BrokerProbe {

  /** How long a tool waits for the first answer. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(8);

  private BrokerProbe() {}

  /**
   * Returns once a broker at {@code bootstrapServers} answered.
   *
   * @throws BrokerUnreachableException when none answered within {@code timeout}
   */
  public static void requireReachable(String bootstrapServers, Duration timeout) {
    int ms = (int) timeout.toMillis();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "soc-tools-probe",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms))) {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(ms))
          .clusterId()
          .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new BrokerUnreachableException(bootstrapServers, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerUnreachableException(bootstrapServers, timeout);
    }
  }

  /** No broker answered. */
  public static final class BrokerUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BrokerUnreachableException(String bootstrapServers, Duration timeout) {
      super(
          "no Kafka broker answered at "
              + bootstrapServers
              + " within "
              + timeout.toSeconds()
              + " s (is `./soc broker` running? see --bootstrap-servers)");
    }
  }
}
