package io.socstream.core.features;

/**
 * One telemetry measurement of one battery.
 *
 * @param timestampMs measurement time, epoch milliseconds (UTC)
 * @param voltage terminal voltage, volts
 * @param current current, amperes; negative = discharge, positive = charge
 * @param temperature cell temperature, degrees Celsius
 */
public record Sample(long timestampMs, double voltage, double current, double temperature) {}
