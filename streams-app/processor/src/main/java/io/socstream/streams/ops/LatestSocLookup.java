package io.socstream.streams.ops;

import io.socstream.avro.SocEstimate;

/** Finds the newest SOC estimate of a battery (kept in the {@code battery-state} store). */
public interface LatestSocLookup {

  Result find(String batteryId);

  /** What a lookup found. */
  sealed interface Result permits Found, Elsewhere, NotFound, Unavailable {}

  /** This instance holds the battery's estimate. */
  record Found(SocEstimate estimate) implements Result {}

  /** Another instance owns the battery; ask it at {@code host:port}. */
  record Elsewhere(String host, int port) implements Result {}

  /** No estimate for this battery (unknown id, or none emitted yet). */
  record NotFound() implements Result {}

  /** Cannot answer now (starting, rebalancing, restoring). */
  record Unavailable(String reason) implements Result {}
}
