package io.socstream.export.data;

import java.util.Locale;

/** What a data file is used for. Files with no role (charges, HPPC, pauses, ...) are not used. */
public enum DataRole {
  /** Fits the weights and the normalisation. */
  TRAIN,
  /** Picks the best epoch and drives early stopping; never fits anything. */
  VALIDATION,
  /** Held out: read only by {@code evaluate}, never while training. */
  TEST;

  /** The model card's spelling: {@code train}, {@code validation}, {@code test}. */
  public String cardName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
