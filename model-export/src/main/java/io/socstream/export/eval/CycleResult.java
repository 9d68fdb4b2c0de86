package io.socstream.export.eval;

import io.socstream.core.inference.SocSeries;
import io.socstream.export.data.DataFile;
import java.util.OptionalDouble;

/**
 * A test cycle's estimates and metrics.
 *
 * @param file the test file
 * @param sha256 hash of the file's bytes
 * @param series the served (fused) estimates over it; the model's own when fusion is off
 * @param metrics the served estimates' error metrics
 * @param labelScaleBias the bias the label's two capacities alone explain (see {@link
 *     io.socstream.export.labels.LabelScale#expectedBias}); empty when it cannot be computed
 * @param modelSeries the model's own estimates (clamped), before fusion
 * @param modelMetrics their error metrics
 */
public record CycleResult(
    DataFile file,
    String sha256,
    SocSeries series,
    ErrorMetrics metrics,
    OptionalDouble labelScaleBias,
    SocSeries modelSeries,
    ErrorMetrics modelMetrics) {}
