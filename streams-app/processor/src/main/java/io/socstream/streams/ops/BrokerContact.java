package io.socstream.streams.ops;

import java.util.OptionalLong;

/** When the Kafka cluster last answered this instance. */
public interface BrokerContact {

  /** Wall-clock milliseconds of the last answer; empty when it never answered. */
  OptionalLong lastContactMillis();

  /** Wall-clock milliseconds since which contact is expected (the start of watching). */
  long watchingSinceMillis();
}
