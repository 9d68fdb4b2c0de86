package io.socstream.export.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.core.data.Fixtures;
import io.socstream.core.data.RecordedCycle;
import io.socstream.core.features.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubsamplingTest {

  private static final RecordedCycle CYCLE = Fixtures.load(Fixtures.MIXED1_25C);

  @Test
  void regularPeriodKeepsEveryTenthSecondWithItsLabel() {
    RecordedCycle thinned = Subsampling.of(10, 0).apply(CYCLE);

    List<Sample> s = thinned.samples();
    assertThat(s.get(0)).isEqualTo(CYCLE.samples().get(0));
    for (int k = 1; k < s.size(); k++) {
      assertThat(s.get(k).timestampMs() - s.get(k - 1).timestampMs()).isBetween(9_000L, 11_000L);
    }
    assertThat(s.size()).isBetween(CYCLE.size() / 10, CYCLE.size() / 10 + 1);
    int at = CYCLE.samples().indexOf(s.get(5));
    assertThat(thinned.soc()[5]).isEqualTo(CYCLE.soc()[at]);
  }

  @Test
  void jitterSpreadsTheIntervalsAndIsRepeatable() {
    Subsampling jittered = Subsampling.of(10, 4);
    int[] kept = jittered.keptIndices(CYCLE.samples());

    assertThat(jittered.keptIndices(CYCLE.samples())).isEqualTo(kept);
    java.util.Set<Long> intervals = new java.util.TreeSet<>();
    for (int k = 1; k < kept.length; k++) {
      intervals.add(
          CYCLE.samples().get(kept[k]).timestampMs()
              - CYCLE.samples().get(kept[k - 1]).timestampMs());
    }
    // 1 Hz data: about whole seconds from 6 to 14 (± the data's own 1 s spacing).
    assertThat(intervals).allMatch(ms -> ms >= 5_000 && ms <= 15_000).hasSizeGreaterThan(5);
    long span =
        CYCLE.samples().get(kept[kept.length - 1]).timestampMs()
            - CYCLE.samples().get(0).timestampMs();
    assertThat((double) span / (kept.length - 1)).isBetween(9_000.0, 11_000.0);
    assertThat(new Subsampling(10, 4, 1).keptIndices(CYCLE.samples())).isNotEqualTo(kept);
  }

  @Test
  void rejectsJitterNotBelowThePeriod() {
    assertThatThrownBy(() -> Subsampling.of(5, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Subsampling.of(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rateAugmentationAddsOneThinnedCopyPerPeriod() {
    List<RecordedCycle> copies = RateAugmentation.SHIPPED.copies(CYCLE);

    assertThat(copies).hasSize(4);
    assertThat(copies.get(0)).isSameAs(CYCLE);
    assertThat(copies.get(1).size()).isBetween(CYCLE.size() / 4, CYCLE.size() / 2);
    assertThat(copies.get(3).size()).isBetween(CYCLE.size() / 14, CYCLE.size() / 6);
    assertThat(RateAugmentation.SHIPPED.copies(CYCLE).get(2).samples())
        .isEqualTo(copies.get(2).samples());
    assertThat(RateAugmentation.OFF.copies(CYCLE)).containsExactly(CYCLE);
  }
}
