package io.socstream.streams.bench;

/**
 * Sizes of one benchmark run.
 *
 * @param batteries N
 * @param samplesPerBattery M, 1 Hz samples of each battery in the throughput input
 * @param partitions P, partitions of every topic (input, repartition, output)
 * @param latencySeconds how long each latency phase offers load
 * @param latencyWarmupSeconds estimates of records sent in this first part are not counted
 * @param modelSeconds time per batch size of the in-process model timing
 * @param quick whether this is {@code --quick}
 * @param restoreBatteries batteries in the state that the restore phase restores after a wipe
 */
public record BenchPlan(
    int batteries,
    int samplesPerBattery,
    int partitions,
    int latencySeconds,
    int latencyWarmupSeconds,
    double modelSeconds,
    boolean quick,
    int restoreBatteries) {

  /**
   * The full run: 100 batteries × 600 s (60,000 records; past the 500 s horizon, so the feature
   * state reaches its steady size), 4 partitions, 25 s per latency phase, a restore of 10,000
   * batteries. About 4 minutes on 2 cores.
   */
  public static BenchPlan fullRun() {
    return new BenchPlan(100, 600, 4, 25, 5, 1.0, false, 10_000);
  }

  /** {@code --quick}: a smoke run for tests, well under a minute. Its numbers mean little. */
  public static BenchPlan quickRun() {
    return new BenchPlan(10, 70, 2, 3, 1, 0.1, true, 500);
  }

  /** Input records of the throughput runs. */
  public long records() {
    return (long) batteries * samplesPerBattery;
  }
}
