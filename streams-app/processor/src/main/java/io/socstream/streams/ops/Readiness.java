package io.socstream.streams.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code /health/ready} answers: ready or not, the Kafka Streams state, and when not ready
 * why.
 *
 * @param state the Kafka Streams state, e.g. {@code RUNNING}
 * @param reason why the instance is not ready; null when it is
 */
public record Readiness(boolean ready, String state, String reason) {

  public static Readiness up(String state) {
    return new Readiness(true, state, null);
  }

  public static Readiness down(String state, String reason) {
    return new Readiness(false, state, reason);
  }

  /** The JSON body: {@code {"status":"UP"|"DOWN","state":...[,"reason":...]}}. */
  public Map<String, Object> json() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", ready ? "UP" : "DOWN");
    body.put("state", state);
    if (reason != null) {
      body.put("reason", reason);
    }
    return body;
  }
}
