package io.socstream.streams.rollout;

import java.util.Locale;

/**
 * What a published model is for, the key of its record in the models topic: the {@link #PRIMARY}
 * makes the estimates, a {@link #SHADOW} runs beside it on the same batches for comparison.
 */
public enum ModelRole {
  PRIMARY,
  SHADOW;

  /** The record key: {@code primary} or {@code shadow}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role of a record key, or null when the key names none (e.g. a status record). */
  public static ModelRole ofKey(String key) {
    for (ModelRole role : values()) {
      if (role.key().equals(key)) {
        return role;
      }
    }
    return null;
  }
}
