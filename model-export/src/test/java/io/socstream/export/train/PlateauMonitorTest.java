package io.socstream.export.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlateauMonitorTest {

  @Test
  void cutsOnPlateausAndStopsAfterPatience() {
    PlateauMonitor monitor = new PlateauMonitor(5, 2);
    assertThat(monitor.observe(1, 0.5)).isEqualTo(PlateauMonitor.Verdict.IMPROVED);
    assertThat(monitor.observe(2, 0.4)).isEqualTo(PlateauMonitor.Verdict.IMPROVED);
    assertThat(monitor.observe(3, 0.4)).isEqualTo(PlateauMonitor.Verdict.WAIT);
    assertThat(monitor.observe(4, 0.45)).isEqualTo(PlateauMonitor.Verdict.CUT_LEARNING_RATE);
    assertThat(monitor.observe(5, 0.41)).isEqualTo(PlateauMonitor.Verdict.WAIT);
    assertThat(monitor.observe(6, Double.NaN)).isEqualTo(PlateauMonitor.Verdict.CUT_LEARNING_RATE);
    assertThat(monitor.observe(7, 0.42)).isEqualTo(PlateauMonitor.Verdict.STOP);
    assertThat(monitor.bestEpoch()).isEqualTo(2);
    assertThat(monitor.best()).isEqualTo(0.4);
  }
}
