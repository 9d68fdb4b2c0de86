package io.socstream.streams.tools;

import io.socstream.avro.Telemetry;

/**
 * One record to replay.
 *
 * @param key the record key (battery id)
 * @param timestampMs the record timestamp to produce with, epoch milliseconds
 * @param value the telemetry
 * @param offsetMs when to send it, milliseconds after the replay starts (at speed 1)
 */
public record ReplayRecord(String key, long timestampMs, Telemetry value, long offsetMs) {}
