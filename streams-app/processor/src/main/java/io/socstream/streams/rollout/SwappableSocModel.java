package io.socstream.streams.rollout;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.Normalization;
import io.socstream.core.inference.SocModel;
import io.socstream.core.model.ModelCardException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's model, replaceable at run time (model rollout): a primary model, which makes the
 * estimates, and optionally a shadow model. The topology's feature pipeline is built once for
 * {@link #featureSpec()}, so only models with exactly that spec are accepted.
 *
 * <p>The inference step takes a {@link ModelLease} per batch ({@link ModelLease#of}): it reads the
 * current models once, so a swap takes effect at the next batch boundary and every estimate names
 * the model that computed it. Each model is reference-counted (one reference while current, one per
 * lease): a swapped-out model is closed, releasing its native resources, when the last batch that
 * uses it ends.
 */
public final class SwappableSocModel implements SocModel {

  private final FeatureSpec pipelineSpec;
  private final AtomicReference<Slot> primary;
  private final AtomicReference<Slot> shadow = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Serves {@code initial} (closed when swapped out or on {@link #close()}). */
  public SwappableSocModel(SocModel initial) {
    this.pipelineSpec = initial.featureSpec();
    this.primary = new AtomicReference<>(new Slot(initial));
  }

  /** Takes a lease on the current primary and shadow for one batch. */
  public ModelLease acquire() {
    return new ModelLease(retain(primary), retain(shadow));
  }

  /**
   * Makes {@code next} the primary from the next batch on; the previous one is closed after its
   * last batch.
   *
   * @throws ModelCardException when {@code next}'s feature spec differs from the pipeline's
   */
  public void swapPrimary(SocModel next) {
    requireSpec(next);
    release(primary.getAndSet(new Slot(next)));
  }

  /**
   * Makes {@code next} the shadow (null = no shadow) from the next batch on.
   *
   * @throws ModelCardException when {@code next}'s feature spec differs from the pipeline's
   */
  public void swapShadow(SocModel next) {
    if (next != null) {
      requireSpec(next);
    }
    release(shadow.getAndSet(next == null ? null : new Slot(next)));
  }

  /** The current primary (for reporting; a batch uses {@link #acquire()}). */
  public SocModel currentPrimary() {
    return primary.get().model();
  }

  /** The current shadow, or null (for reporting). */
  public SocModel currentShadow() {
    Slot s = shadow.get();
    return s == null ? null : s.model();
  }

  private void requireSpec(SocModel next) {
    if (!pipelineSpec.equals(next.featureSpec())) {
      throw new ModelCardException(
          "model " + next.modelVersion() + " does not fit the running feature pipeline",
          List.of(
              "features: model expects "
                  + next.featureSpec()
                  + ", the pipeline computes "
                  + pipelineSpec));
    }
  }

  @Override
  public FeatureSpec featureSpec() {
    return pipelineSpec;
  }

  @Override
  public Normalization normalization() {
    return currentPrimary().normalization();
  }

  @Override
  public String modelVersion() {
    return currentPrimary().modelVersion();
  }

  @Override
  public io.socstream.core.fusion.FusionParameters fusionParameters() {
    return currentPrimary().fusionParameters();
  }

  /** One call on the current primary (callers that batch should take a lease instead). */
  @Override
  public float[] predict(float[] windows, int count) {
    try (ModelLease lease = acquire()) {
      return lease.primary().predict(windows, count);
    }
  }

  /** Drops the current models; each is closed when no batch uses it any more. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      release(shadow.getAndSet(null));
      release(primary.get());
    }
  }

  private static Slot retain(AtomicReference<Slot> ref) {
    while (true) {
      Slot slot = ref.get();
      if (slot == null || slot.retain()) {
        return slot;
      }
      if (ref.get() == slot) {
        throw new IllegalStateException("the model is closed");
      }
      // Swapped out and closed between get() and retain(): the reference holds its successor.
    }
  }

  private static void release(Slot slot) {
    if (slot != null) {
      slot.release();
    }
  }

  /** A model and its reference count: 1 while current, +1 per lease; closed at 0. */
  static final class Slot {
    private final SocModel model;
    private final AtomicInteger references = new AtomicInteger(1);

    Slot(SocModel model) {
      this.model = model;
    }

    SocModel model() {
      return model;
    }

    boolean retain() {
      while (true) {
        int n = references.get();
        if (n == 0) {
          return false;
        }
        if (references.compareAndSet(n, n + 1)) {
          return true;
        }
      }
    }

    void release() {
      if (references.decrementAndGet() == 0) {
        model.close();
      }
    }
  }
}
