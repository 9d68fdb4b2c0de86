package io.socstream.core.features;

/**
 * A window computed by {@link BatchFeatureExtractor}, with the position of the sample it ends at.
 *
 * @param sampleIndex index, in the input list, of the newest sample of the window: training uses
 *     the label at this index as the target (the model estimates the present)
 * @param window the window
 */
public record BatchWindow(int sampleIndex, FeatureWindow window) {}
