package io.socstream.export.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.socstream.core.data.RecordedCycle;
import io.socstream.core.features.Sample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerturbationTest {

  private static RecordedCycle cycle(int seconds) {
    List<Sample> samples = new ArrayList<>();
    double[] soc = new double[seconds];
    for (int t = 0; t < seconds; t++) {
      samples.add(new Sample(1_000_000L + 1000L * t, 3.7, -1.0, 20.0));
      soc[t] = 1 - t / 10_000.0;
    }
    return new RecordedCycle("c", samples, soc);
  }

  @Test
  void offsetShiftsEveryCurrentAndNothingElse() {
    RecordedCycle shifted = new Perturbation.CurrentOffset(0.05).apply(cycle(10));
    assertThat(shifted.samples())
        .allSatisfy(
            s -> {
              assertThat(s.current()).isCloseTo(-0.95, within(1e-12));
              assertThat(s.voltage()).isEqualTo(3.7);
            });
    assertThat(shifted.soc()).isEqualTo(cycle(10).soc());
    assertThat(new Perturbation.CurrentOffset(-0.05).name()).isEqualTo("offset-50mA");
  }

  @Test
  void lateStartDropsTheFirstMinutesAndKeepsTheLabelsAligned() {
    RecordedCycle late = new Perturbation.LateStart(2).apply(cycle(300));
    assertThat(late.size()).isEqualTo(180);
    assertThat(late.samples().get(0).timestampMs()).isEqualTo(1_000_000L + 120_000L);
    assertThat(late.soc()[0]).isEqualTo(1 - 120 / 10_000.0);
  }

  @Test
  void sensorNoiseHasTheGivenSpreadAndIsRepeatable() {
    Perturbation noise = new Perturbation.SensorNoise(0.005, 0.020, 0.2);
    RecordedCycle noisy = noise.apply(cycle(20_000));
    double sumSquares = 0;
    for (Sample s : noisy.samples()) {
      sumSquares += (s.current() + 1.0) * (s.current() + 1.0);
    }
    assertThat(Math.sqrt(sumSquares / noisy.size())).isCloseTo(0.020, within(0.001));
    assertThat(noise.apply(cycle(20_000)).samples()).isEqualTo(noisy.samples());
  }

  @Test
  void subsampleKeepsOneSamplePerPeriodWithItsLabel() {
    RecordedCycle slow = new Perturbation.Subsample(10).apply(cycle(95));
    assertThat(slow.size()).isEqualTo(10);
    assertThat(slow.samples().get(3).timestampMs()).isEqualTo(1_000_000L + 30_000L);
    assertThat(slow.soc()[3]).isEqualTo(1 - 30 / 10_000.0);
  }
}
