package io.socstream.streams.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The default static membership id of an instance: {@code <host>-<8 hex digits>}, the host name and
 * a checksum of the absolute state directory. Stable across restarts of the same instance (same
 * host, same state directory), also after the state directory was wiped; two instances on one host
 * differ because Kafka Streams needs each to have its own state directory. Where host names are not
 * stable (a container re-created with a new name) set {@code soc.instance.id}.
 */
public final class DefaultInstanceId {

  private DefaultInstanceId() {}

  /** The id for an instance whose state lives in {@code stateDir}. */
  public static String of(Path stateDir) {
    return of(hostName(), stateDir);
  }

  static String of(String host, Path stateDir) {
    CRC32 crc = new CRC32();
    crc.update(stateDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
    String safeHost = host.replaceAll("[^a-zA-Z0-9._-]", "-");
    if (safeHost.length() > 180) {
      safeHost = safeHost.substring(0, 180);
    }
    return safeHost + "-" + String.format(Locale.ROOT, "%08x", crc.getValue());
  }

  private static String hostName() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.trim();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
