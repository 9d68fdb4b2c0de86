package io.socstream.export.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.core.features.PackLayout;
import io.socstream.core.features.Sample;
import io.socstream.core.model.InputRanges;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputRangeWarningTest {

  private static final InputRanges RANGES = InputRanges.LG_HG2_DATASHEET;

  @Test
  void samplesInsideTheRangesOrWithinTheToleranceGiveNoWarning() {
    // 5 % of the spans: 0.085 V, 2 A, 3 degC beyond each end are tolerated.
    List<Sample> samples = List.of(new Sample(0, 2.5, -20, -20), new Sample(1, 4.28, 21.9, 42.9));

    assertThat(InputRangeWarning.of("predict", "x.csv", samples, RANGES, PackLayout.CELL))
        .isEmpty();
  }

  @Test
  void countsEveryQuantityOutsideItsRangeWithThousandsSeparators() {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      // Current in milliamperes for the first 1,200, kelvin throughout.
      samples.add(new Sample(i, 3.7, i < 1200 ? -1500 : -1.5, 298.15));
    }

    assertThat(InputRangeWarning.of("predict", "mA.csv", samples, RANGES, PackLayout.CELL))
        .contains(
            "soc predict: mA.csv: 1,200 of 3,000 samples have current outside the model's range"
                + " [-20, 20] A, 3,000 have temperature outside the model's range [-20, 40] °C"
                + " (one cell); set --parallel for a pack with cells in parallel");
  }

  @Test
  void aVoltageTooHighAfterTheConversionPointsAtTheSeriesGiven() {
    List<Sample> samples = List.of(new Sample(0, 8.4, -1, 25), new Sample(1, 3.7, -1, 25));

    assertThat(InputRangeWarning.of("predict", "p.csv", samples, RANGES, new PackLayout(50, 1)))
        .contains(
            "soc predict: p.csv: 1 of 2 samples have voltage outside the model's range"
                + " [2.5, 4.2] V (one cell); check --series (50 cells in series)");
  }

  @Test
  void aVoltageTooLowNeedsNoSeriesHint() {
    List<Sample> samples = List.of(new Sample(0, 0.037, -1, 25));

    assertThat(InputRangeWarning.of("predict", "low.csv", samples, RANGES, PackLayout.CELL))
        .contains(
            "soc predict: low.csv: 1 of 1 samples have voltage outside the model's range"
                + " [2.5, 4.2] V (one cell)");
  }
}
