package io.socstream.streams.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The replay schedule against a fake clock: offsets scaled by the speed, no drift. */
class PacerTest {

  private long now = 5_000_000_000L;
  private final List<Long> sleeps = new ArrayList<>();

  private Pacer pacer(double speed) {
    return new Pacer(
        speed,
        () -> now,
        nanos -> {
          sleeps.add(nanos);
          now += nanos;
        });
  }

  @Test
  void waitsUntilEachOffsetScaledBySpeed() throws Exception {
    Pacer p = pacer(2.0);
    p.awaitOffset(0);
    p.awaitOffset(1000); // due 500 ms after start
    now += 100_000_000L; // 100 ms of work
    p.awaitOffset(1400); // due 700 ms after start: 100 ms left
    p.awaitOffset(1400);
    assertThat(sleeps).containsExactly(500_000_000L, 100_000_000L);
  }

  @Test
  void lateRecordsAreSentAtOnce() throws Exception {
    Pacer p = pacer(1.0);
    p.awaitOffset(0);
    now += 2_000_000_000L;
    p.awaitOffset(1000);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void unpacedNeverWaits() throws Exception {
    Pacer p = Pacer.unpaced();
    assertThat(p.paced()).isFalse();
    long start = System.nanoTime();
    p.awaitOffset(0);
    p.awaitOffset(86_400_000L);
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }

  @Test
  void speedMustBePositive() {
    assertThatThrownBy(() -> pacer(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pacer(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
