package io.socstream.core.features;

/** What the feature pipeline did with one sample. */
public enum SampleOutcome {
  /** Appended to the current segment (or started the very first one). */
  ACCEPTED,
  /** The gap to the previous accepted sample exceeded the limit: a new segment starts with it. */
  ACCEPTED_AFTER_GAP,
  /** Same timestamp as the last accepted sample: dropped. */
  DUPLICATE,
  /** Older than the last accepted sample: dropped, history is never rewritten. */
  OUT_OF_ORDER,
  /** A value is not finite or too large to quantise: dropped. */
  INVALID;

  /** Whether the sample became part of the state. */
  public boolean accepted() {
    return this == ACCEPTED || this == ACCEPTED_AFTER_GAP;
  }
}
