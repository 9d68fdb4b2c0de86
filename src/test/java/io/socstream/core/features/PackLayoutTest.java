package io.socstream.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PackLayoutTest {

  @Test
  void aPacksVoltageIsSharedByItsSeriesCellsAndItsCurrentByItsParallelStrings() {
    PackLayout pack = new PackLayout(96, 3);

    Sample cell = pack.toCell(new Sample(1_000L, 384.0, -30.0, 25.0));

    assertThat(cell).isEqualTo(new Sample(1_000L, 4.0, -10.0, 25.0));
  }

  @Test
  void toPackUndoesToCell() {
    PackLayout pack = new PackLayout(100, 2);
    Sample cell = new Sample(5L, 3.91234, -2.51, -9.5);

    Sample back = pack.toCell(pack.toPack(cell));

    assertThat(pack.toPack(cell)).isEqualTo(new Sample(5L, 391.234, -5.02, -9.5));
    assertThat(back.voltage()).isCloseTo(cell.voltage(), within(1e-12));
    assertThat(back.current()).isEqualTo(cell.current());
    assertThat(back.temperature()).isEqualTo(cell.temperature());
  }

  @Test
  void oneCellIsTheIdentity() {
    List<Sample> samples = List.of(new Sample(1L, 3.7, -1.0, 20.0));

    assertThat(PackLayout.CELL.isCell()).isTrue();
    assertThat(PackLayout.CELL.toCell(samples)).isSameAs(samples);
    assertThat(PackLayout.CELL.toPack(samples.get(0))).isSameAs(samples.get(0));
    assertThat(new PackLayout(96, 2)).hasToString("96s2p");
  }

  @Test
  void fewerThanOneCellIsRefused() {
    assertThatThrownBy(() -> new PackLayout(0, 1)).hasMessage("series must be >= 1, was 0");
    assertThatThrownBy(() -> new PackLayout(1, -2)).hasMessage("parallel must be >= 1, was -2");
  }
}
