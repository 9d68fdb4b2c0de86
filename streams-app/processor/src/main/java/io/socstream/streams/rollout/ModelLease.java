package io.socstream.streams.rollout;

import io.socstream.core.inference.SocModel;

/**
 * The models one inference batch runs on, held for the batch: {@link #primary()} makes the
 * estimates (and names their {@code model_version}), {@link #shadow()} (null when none) runs beside
 * it. A swap during the batch does not affect it, and a swapped-out model is closed only after the
 * last lease on it is closed. Take one per batch with {@link #of(SocModel)} and close it after.
 */
public final class ModelLease implements AutoCloseable {

  private final SwappableSocModel.Slot primary;
  private final SwappableSocModel.Slot shadow;
  private final SocModel fixed;

  ModelLease(SwappableSocModel.Slot primary, SwappableSocModel.Slot shadow) {
    this.primary = primary;
    this.shadow = shadow;
    this.fixed = null;
  }

  private ModelLease(SocModel fixed) {
    this.primary = null;
    this.shadow = null;
    this.fixed = fixed;
  }

  /** A lease on {@code model}'s current models: a swappable model's, or the fixed model itself. */
  public static ModelLease of(SocModel model) {
    return model instanceof SwappableSocModel swappable
        ? swappable.acquire()
        : new ModelLease(model);
  }

  /** The model that makes this batch's estimates. */
  public SocModel primary() {
    return fixed != null ? fixed : primary.model();
  }

  /** The shadow model for this batch, or null when none is published. */
  public SocModel shadow() {
    return shadow == null ? null : shadow.model();
  }

  /** Releases the models; a swapped-out one is closed when its last lease goes. */
  @Override
  public void close() {
    if (primary != null) {
      primary.release();
    }
    if (shadow != null) {
      shadow.release();
    }
  }
}
