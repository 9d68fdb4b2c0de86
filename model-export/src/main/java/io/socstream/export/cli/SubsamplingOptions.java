package io.socstream.export.cli;

import io.socstream.core.data.RecordedCycle;
import io.socstream.export.data.Subsampling;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * {@code --period-s} / {@code --jitter-s} of {@code predict} and {@code evaluate}: thin each input
 * to the rate a fleet sends (e.g. {@code --period-s 10} for 0.1 Hz) before estimating; see {@link
 * Subsampling}.
 */
final class SubsamplingOptions {

  @Option(
      names = "--period-s",
      paramLabel = "SECONDS",
      description =
          "Thin every input to one sample about every SECONDS (e.g. 10 = 0.1 Hz; the first sample"
              + " kept, then the first at or after each target time) before estimating. Default:"
              + " every sample.")
  Double periodSeconds;

  @Option(
      names = "--jitter-s",
      paramLabel = "SECONDS",
      defaultValue = "0",
      description =
          "With --period-s: each interval drawn uniformly from period +- SECONDS (fixed seed, so"
              + " runs repeat), less than the period.")
  double jitterSeconds;

  /**
   * What to do to each input: identity without {@code --period-s}.
   *
   * @throws IllegalArgumentException naming the flag when the values are out of range
   */
  UnaryOperator<RecordedCycle> transform() {
    if (periodSeconds == null) {
      if (jitterSeconds != 0) {
        throw new IllegalArgumentException("--jitter-s needs --period-s");
      }
      return UnaryOperator.identity();
    }
    if (!(periodSeconds > 0) || periodSeconds.isInfinite()) {
      throw new IllegalArgumentException("--period-s must be > 0, was " + periodSeconds);
    }
    if (!(jitterSeconds >= 0) || jitterSeconds >= periodSeconds) {
      throw new IllegalArgumentException(
          "--jitter-s must be >= 0 and less than --period-s ("
              + periodSeconds
              + "), was "
              + jitterSeconds);
    }
    return Subsampling.of(periodSeconds, jitterSeconds)::apply;
  }

  /** For reports: {@code "every sample"} or e.g. {@code "one sample per 10 s ± 3 s"}. */
  String describe() {
    return periodSeconds == null
        ? "every sample"
        : "one sample per " + Subsampling.of(periodSeconds, jitterSeconds).describe();
  }
}
