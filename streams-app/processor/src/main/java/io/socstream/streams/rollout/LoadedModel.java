package io.socstream.streams.rollout;

import io.micrometer.core.instrument.Timer;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureWindow;
import io.socstream.core.features.Normalization;
import io.socstream.core.fusion.FusionParameters;
import io.socstream.core.inference.SocModel;
import java.time.Instant;

/**
 * A model in service: the model, where it came from, when it was loaded, a timer of its calls, and
 * what to release when it is closed (its runner, its unpacked directory).
 */
public final class LoadedModel implements SocModel {

  private final SocModel delegate;
  private final String source;
  private final Instant loadedAt;
  private final Timer calls;
  private final AutoCloseable resources;

  /**
   * @param delegate the model
   * @param source where it came from, for {@code /models} and the log (a directory, an offset)
   * @param calls times each {@link #predict} call
   * @param resources closed by {@link #close()} after the delegate
   */
  public LoadedModel(SocModel delegate, String source, Timer calls, AutoCloseable resources) {
    this.delegate = delegate;
    this.source = source;
    this.loadedAt = Instant.now();
    this.calls = calls;
    this.resources = resources;
  }

  public String source() {
    return source;
  }

  public Instant loadedAt() {
    return loadedAt;
  }

  @Override
  public FeatureSpec featureSpec() {
    return delegate.featureSpec();
  }

  @Override
  public Normalization normalization() {
    return delegate.normalization();
  }

  @Override
  public String modelVersion() {
    return delegate.modelVersion();
  }

  @Override
  public FusionParameters fusionParameters() {
    return delegate.fusionParameters();
  }

  @Override
  public void normalizeInto(FeatureWindow window, float[] dst, int offset) {
    delegate.normalizeInto(window, dst, offset);
  }

  @Override
  public float[] predict(float[] windows, int count) {
    long started = System.nanoTime();
    try {
      return delegate.predict(windows, count);
    } finally {
      calls.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void close() {
    try {
      delegate.close();
    } finally {
      try {
        resources.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(LoadedModel.class)
            .warn("Releasing model {} failed: {}", modelVersion(), e.toString());
      }
    }
  }
}
