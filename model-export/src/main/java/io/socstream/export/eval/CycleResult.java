package io.socstream.export.eval;

import io.socstream.core.inference.SocSeries;
import io.socstream.export.data.DataFile;

/**
 * A test cycle's estimates and metrics.
 *
 * @param file the test file
 * @param sha256 hash of the file's bytes
 * @param series the model's estimates over it
 * @param metrics the estimates' error metrics
 */
public record CycleResult(DataFile file, String sha256, SocSeries series, ErrorMetrics metrics) {}
