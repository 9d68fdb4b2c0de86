package io.socstream.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The dead-letter share over the last N records. */
class DeadLetterWindowTest {

  @Test
  void shareOfTheRecordsSoFarThenOfTheLastWindow() {
    DeadLetterWindow w = new DeadLetterWindow(10);
    assertThat(w.ratio()).isZero();
    assertThat(w.records()).isZero();
    for (int i = 0; i < 4; i++) {
      w.recordIn();
      w.deadLetter();
    }
    w.recordIn();
    assertThat(w.records()).isEqualTo(5);
    assertThat(w.ratio()).isCloseTo(0.8, within(1e-9));

    for (int i = 0; i < 6; i++) {
      w.recordIn(); // 11 records: the window holds the last 10, of which 3 were dead letters
    }
    assertThat(w.records()).isEqualTo(10);
    assertThat(w.ratio()).isCloseTo(0.3, within(1e-9));
    for (int i = 0; i < 10; i++) {
      w.recordIn();
    }
    assertThat(w.ratio()).isZero();
  }

  @Test
  void aDeadLetterCountedAfterItsRecordLeftTheWindowStaysAtMostOne() {
    DeadLetterWindow w = new DeadLetterWindow(2);
    w.recordIn();
    w.recordIn();
    w.deadLetter();
    w.deadLetter();
    w.deadLetter();
    assertThat(w.ratio()).isEqualTo(1.0);
  }
}
