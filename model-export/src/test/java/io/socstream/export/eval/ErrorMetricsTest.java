package io.socstream.export.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.socstream.core.inference.SocSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorMetricsTest {

  private static final double EPS = 1e-12;

  @Test
  void handComputedCase() {
    // errors +0.02, -0.02, +0.05, 0; true mean 0.65
    ErrorMetrics m =
        ErrorMetrics.of(new double[] {0.5, 0.6, 0.7, 0.8}, new double[] {0.52, 0.58, 0.75, 0.8});

    assertThat(m.n()).isEqualTo(4);
    assertThat(m.mae()).isCloseTo(0.09 / 4, within(EPS)); // 0.0225
    assertThat(m.mse()).isCloseTo(0.0033 / 4, within(EPS)); // 0.000825
    assertThat(m.rmse()).isCloseTo(Math.sqrt(0.000825), within(EPS));
    // SS_tot = 0.15² + 0.05² + 0.05² + 0.15² = 0.05, SS_res = 0.0033
    assertThat(m.r2()).isCloseTo(1 - 0.0033 / 0.05, within(EPS)); // 0.934
    assertThat(m.maxAbsError()).isCloseTo(0.05, within(EPS));
    assertThat(m.meanError()).isCloseTo((0.02 - 0.02 + 0.05 + 0) / 4, within(EPS)); // 0.0125
  }

  @Test
  void perfectEstimatesAndConstantTruth() {
    ErrorMetrics perfect = ErrorMetrics.of(new double[] {0.1, 0.9}, new double[] {0.1, 0.9});
    assertThat(perfect.mae()).isZero();
    assertThat(perfect.r2()).isEqualTo(1.0);

    ErrorMetrics constant = ErrorMetrics.of(new double[] {0.5, 0.5}, new double[] {0.4, 0.6});
    assertThat(constant.r2()).isNaN();
    assertThat(constant.mae()).isCloseTo(0.1, within(EPS));
    assertThat(constant.meanError()).isCloseTo(0.0, within(EPS)); // errors of both signs cancel
  }

  @Test
  void pooledIsTheMetricOfAllPointsTogether() {
    SocSeries a =
        new SocSeries("a", new long[] {0, 1}, new double[] {0.5, 0.6}, new double[] {0.52, 0.58});
    SocSeries b =
        new SocSeries("b", new long[] {0, 1}, new double[] {0.7, 0.8}, new double[] {0.75, 0.8});

    assertThat(ErrorMetrics.pooled(List.of(a, b)))
        .isEqualTo(
            ErrorMetrics.of(
                new double[] {0.5, 0.6, 0.7, 0.8}, new double[] {0.52, 0.58, 0.75, 0.8}));
  }

  @Test
  void rejectsMismatchedEmptyOrNaN() {
    assertThatThrownBy(() -> ErrorMetrics.of(new double[1], new double[2]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ErrorMetrics.of(new double[0], new double[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ErrorMetrics.of(new double[] {Double.NaN}, new double[] {0}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
