package io.socstream.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.core.data.Fixtures;
import io.socstream.core.data.RecordedCycle;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizationTest {

  private static FeatureWindow window(float[]... rows) {
    return new FeatureWindow(0, 1, rows.length, false, rows);
  }

  @Test
  void fitsPerFeatureMeanAndPopulationStdOverAllSteps() {
    FeatureWindow a = window(new float[] {1, 10}, new float[] {3, 10});
    FeatureWindow b = window(new float[] {5, 10}, new float[] {7, 10});

    Normalization n = Normalization.fit(List.of(a, b), 2);

    // feature 0: mean 4, variance (9+1+1+9)/4 = 5; feature 1 is constant: std floored.
    assertThat(n.mean()).containsExactly(4f, 10f);
    assertThat(n.std()).containsExactly((float) Math.sqrt(5), Normalization.STD_FLOOR);
    float s = (float) Math.sqrt(5);
    assertThat(n.normalize(a)).containsExactly(-3f / s, 0f, -1f / s, 0f);
    float[] dst = new float[6];
    n.normalizeInto(b, dst, 2);
    assertThat(dst).containsExactly(0f, 0f, 1f / s, 0f, 3f / s, 0f);
  }

  @Test
  void blockFitEqualsWindowFitAndInPlaceEqualsPerWindow() {
    FeatureSpec spec = FeatureSpec.defaults();
    RecordedCycle cycle = Fixtures.load(Fixtures.MIXED1_N10C);
    List<BatchWindow> windows = BatchFeatureExtractor.windows(cycle.samples(), spec);
    WindowBlock block = cycle.windowBlock(spec, true);

    Normalization n = Normalization.fit(block);
    assertThat(Normalization.fit(windows.stream().map(BatchWindow::window).toList(), 6))
        .isEqualTo(n);

    float[] values = block.features().clone();
    n.normalizeInPlace(values);
    float[] expected = new float[block.count() * block.windowSize()];
    for (int w = 0; w < windows.size(); w++) {
      n.normalizeInto(windows.get(w).window(), expected, block.offsetOf(w));
    }
    assertThat(values).containsExactly(expected);
  }

  @Test
  void rejectsMismatchedOrNonPositiveParameters() {
    assertThatThrownBy(() -> new Normalization(new float[2], new float[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Normalization(new float[1], new float[] {0}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Normalization.fit(List.of(), 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
