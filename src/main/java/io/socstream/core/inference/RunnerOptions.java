package io.socstream.core.inference;

/**
 * How {@link SavedModelRunner} sets up its TensorFlow session.
 *
 * @param intraOpThreads threads one op may use (e.g. a matrix multiply); 0 lets TensorFlow choose
 *     (all cores)
 * @param interOpThreads ops run concurrently; 0 lets TensorFlow choose
 */
public record RunnerOptions(int intraOpThreads, int interOpThreads) {

  public RunnerOptions {
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException("intraOpThreads must be >= 0, was " + intraOpThreads);
    }
    if (interOpThreads < 0) {
      throw new IllegalArgumentException("interOpThreads must be >= 0, was " + interOpThreads);
    }
  }

  /**
   * One thread per pool: the SOC model's ops are tiny (a 40 x 160 MatMul per step), so TensorFlow
   * splitting them across cores costs more than it saves — measured on 2 cores, batch 256: 10 µs
   * per window with one thread against 17 µs with TensorFlow's choice, at half the CPU. The
   * caller's own threads (stream threads, evaluation) are the parallelism.
   */
  public static RunnerOptions defaults() {
    return new RunnerOptions(1, 1);
  }
}
