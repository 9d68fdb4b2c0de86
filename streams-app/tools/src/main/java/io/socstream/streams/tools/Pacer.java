package io.socstream.streams.tools;

import java.util.function.LongSupplier;

/**
 * Holds a replay to its schedule: {@link #awaitOffset} returns once {@code offsetMs / speed}
 * milliseconds have passed since the first call. Speed {@code +∞} (or {@link #unpaced()}) never
 * waits.
 */
public final class Pacer {

  /** Waits; swappable for tests. */
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final double speed;
  private final LongSupplier nanoClock;
  private final Sleeper sleeper;
  private long startNanos;
  private boolean started;

  public Pacer(double speed, LongSupplier nanoClock, Sleeper sleeper) {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be > 0, was " + speed);
    }
    this.speed = speed;
    this.nanoClock = nanoClock;
    this.sleeper = sleeper;
  }

  /** Real time scaled by {@code speed} (2 = twice as fast as recorded). */
  public static Pacer realTime(double speed) {
    return new Pacer(
        speed,
        System::nanoTime,
        nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
  }

  /** As fast as possible. */
  public static Pacer unpaced() {
    return realTime(Double.POSITIVE_INFINITY);
  }

  public boolean paced() {
    return !Double.isInfinite(speed);
  }

  /** Blocks until the record scheduled {@code offsetMs} after the start is due. */
  public void awaitOffset(long offsetMs) throws InterruptedException {
    if (!started) {
      startNanos = nanoClock.getAsLong();
      started = true;
    }
    if (!paced()) {
      return;
    }
    long dueNanos = startNanos + (long) (offsetMs * 1_000_000.0 / speed);
    long wait = dueNanos - nanoClock.getAsLong();
    if (wait > 0) {
      sleeper.sleepNanos(wait);
    }
  }
}
