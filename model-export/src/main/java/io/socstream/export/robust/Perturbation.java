package io.socstream.export.robust;

import io.socstream.core.data.RecordedCycle;
import io.socstream.core.features.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A field condition applied to a recorded cycle's telemetry; the SOC labels stay those of the real
 * cell. Deterministic: the same cycle always gets the same noise.
 */
public sealed interface Perturbation {

  /** A short name for tables, e.g. {@code offset+50mA}. */
  String name();

  /** The cycle as the field would report it. */
  RecordedCycle apply(RecordedCycle cycle);

  /** No change: the reference run. */
  record None() implements Perturbation {
    @Override
    public String name() {
      return "unperturbed";
    }

    @Override
    public RecordedCycle apply(RecordedCycle cycle) {
      return cycle;
    }
  }

  /**
   * Independent Gaussian sensor noise on every sample.
   *
   * @param voltageV standard deviation of the voltage noise, V
   * @param currentA standard deviation of the current noise, A
   * @param temperatureC standard deviation of the temperature noise, °C
   */
  record SensorNoise(double voltageV, double currentA, double temperatureC)
      implements Perturbation {
    @Override
    public String name() {
      return String.format(
          java.util.Locale.ROOT,
          "noise(%.0fmV,%.0fmA,%.1fC)",
          1000 * voltageV,
          1000 * currentA,
          temperatureC);
    }

    @Override
    public RecordedCycle apply(RecordedCycle cycle) {
      Random random = new Random(cycle.name().hashCode());
      List<Sample> noisy = new ArrayList<>(cycle.size());
      for (Sample s : cycle.samples()) {
        noisy.add(
            new Sample(
                s.timestampMs(),
                s.voltage() + voltageV * random.nextGaussian(),
                s.current() + currentA * random.nextGaussian(),
                s.temperature() + temperatureC * random.nextGaussian()));
      }
      return new RecordedCycle(cycle.name(), noisy, cycle.soc());
    }
  }

  /**
   * A constant current-sensor offset.
   *
   * @param currentA added to every current reading, A
   */
  record CurrentOffset(double currentA) implements Perturbation {
    @Override
    public String name() {
      return String.format(java.util.Locale.ROOT, "offset%+.0fmA", 1000 * currentA);
    }

    @Override
    public RecordedCycle apply(RecordedCycle cycle) {
      List<Sample> shifted = new ArrayList<>(cycle.size());
      for (Sample s : cycle.samples()) {
        shifted.add(
            new Sample(s.timestampMs(), s.voltage(), s.current() + currentA, s.temperature()));
      }
      return new RecordedCycle(cycle.name(), shifted, cycle.soc());
    }
  }

  /**
   * The stream starts mid-discharge with no history: the first minutes of the cycle are dropped.
   *
   * @param minutes minutes dropped from the start
   */
  record LateStart(int minutes) implements Perturbation {
    @Override
    public String name() {
      return "late-start(" + minutes + "min)";
    }

    @Override
    public RecordedCycle apply(RecordedCycle cycle) {
      if (cycle.size() == 0) {
        return cycle;
      }
      long from = cycle.samples().get(0).timestampMs() + 60_000L * minutes;
      int first = 0;
      while (first < cycle.size() && cycle.samples().get(first).timestampMs() < from) {
        first++;
      }
      return new RecordedCycle(
          cycle.name(),
          cycle.samples().subList(first, cycle.size()),
          Arrays.copyOfRange(cycle.soc(), first, cycle.size()));
    }
  }

  /**
   * Telemetry every {@code periodS} seconds instead of every second: from the first sample, the
   * next kept sample is the first at least {@code periodS} after the last kept one.
   *
   * @param periodS the reporting period, seconds
   */
  record Subsample(int periodS) implements Perturbation {
    @Override
    public String name() {
      return "period(" + periodS + "s)";
    }

    @Override
    public RecordedCycle apply(RecordedCycle cycle) {
      List<Sample> kept = new ArrayList<>();
      List<Double> soc = new ArrayList<>();
      long next = Long.MIN_VALUE;
      for (int i = 0; i < cycle.size(); i++) {
        Sample s = cycle.samples().get(i);
        if (s.timestampMs() >= next) {
          kept.add(s);
          soc.add(cycle.soc()[i]);
          next = s.timestampMs() + 1000L * periodS;
        }
      }
      return new RecordedCycle(
          cycle.name(), kept, soc.stream().mapToDouble(Double::doubleValue).toArray());
    }
  }

  /**
   * The field conditions of issue 15: sensor noise (5 mV, 20 mA, 0.2 °C), a ±50 mA current offset,
   * a start {@code lateStartMinutes} into the cycle, and telemetry every 10 s (0.1 Hz).
   */
  static List<Perturbation> fieldConditions(int lateStartMinutes) {
    return List.of(
        new SensorNoise(0.005, 0.020, 0.2),
        new CurrentOffset(0.050),
        new CurrentOffset(-0.050),
        new LateStart(lateStartMinutes),
        new Subsample(10));
  }
}
