package io.socstream.core.features;

/**
 * The result of feeding one sample to a {@link BatteryFeatureState}.
 *
 * @param outcome what happened to the sample
 * @param window the window ending at this sample, or {@code null} when the sample was dropped or
 *     the segment has fewer than T samples
 */
public record FeatureUpdate(SampleOutcome outcome, FeatureWindow window) {

  /** Whether {@link #window()} is present. */
  public boolean hasWindow() {
    return window != null;
  }
}
