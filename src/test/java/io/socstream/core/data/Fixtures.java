package io.socstream.core.data;

import io.socstream.core.features.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The committed LG HG2 slices under {@code fixtures/} (see fixtures/README.md). */
public final class Fixtures {

  /** First 1280 rows of 25degC/551_Mixed1_processed.csv. */
  public static final String MIXED1_25C = "551_Mixed1_25degC_head1280";

  /** First 720 rows of n10degC/601_Mixed1_processed.csv. */
  public static final String MIXED1_N10C = "601_Mixed1_n10degC_head720";

  /** First 900 rows of 25degC/551_US06_processed.csv, a held-out TEST cycle (never trained on). */
  public static final String US06_25C = "551_US06_25degC_head900";

  private Fixtures() {}

  /** Reads a fixture by name (without {@code .csv}) from the test class path. */
  public static RecordedCycle load(String name) {
    String resource = "/fixtures/" + name + ".csv";
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return LgCsvReader.read(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * 2000 real samples at 1 Hz: the 25 °C slice, then the -10 °C slice shifted in time to continue
   * one second after it (no gap, so one segment).
   */
  public static List<Sample> twoThousandSamples() {
    List<Sample> first = load(MIXED1_25C).samples();
    List<Sample> second = load(MIXED1_N10C).samples();
    List<Sample> all = new ArrayList<>(first);
    long shift = first.get(first.size() - 1).timestampMs() + 1000 - second.get(0).timestampMs();
    for (Sample s : second) {
      all.add(new Sample(s.timestampMs() + shift, s.voltage(), s.current(), s.temperature()));
    }
    return all;
  }
}
