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

  /** TensorFlow's own thread pool sizing. */
  public static RunnerOptions defaults() {
    return new RunnerOptions(0, 0);
  }
}
