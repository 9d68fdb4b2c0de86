package io.socstream.export.eval;

import io.socstream.core.inference.SocSeries;
import io.socstream.export.data.DataFile;
import java.util.OptionalDouble;

/**
 * A test cycle's estimates and metrics.
 *
 * @param file the test file
 * @param sha256 hash of the file's bytes
 * @param series the model's estimates over it
 * @param metrics the estimates' error metrics
 * @param labelScaleBias the bias the label's two capacities alone explain (see {@link
 *     io.socstream.export.labels.LabelScale#expectedBias}); empty when it cannot be computed
 */
public record CycleResult(
    DataFile file,
    String sha256,
    SocSeries series,
    ErrorMetrics metrics,
    OptionalDouble labelScaleBias) {}
