package io.socstream.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.core.data.Fixtures;
import io.socstream.core.data.RecordedCycle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Features v2: the fixed-size streaming state and the batch extractor give bitwise identical
 * windows, at 1 Hz and at sparse, jittered rates, across duplicates, late and invalid samples and a
 * gap, also when the state is decoded from its bytes before every sample (as the stream does).
 */
class StreamingBatchEquivalenceTest {

  static Stream<Arguments> cases() {
    FeatureSpec defaults = FeatureSpec.defaults();
    FeatureSpec several = new FeatureSpec(7, List.of(4, 10, 60), 5_000, 2, true);
    FeatureSpec noDelta = new FeatureSpec(120, List.of(30, 500), 60_000, 10, false);
    return Stream.of(
        Arguments.of(Fixtures.MIXED1_25C, defaults, 1),
        Arguments.of(Fixtures.MIXED1_N10C, defaults, 1),
        Arguments.of(Fixtures.MIXED1_25C, defaults, 10),
        Arguments.of(Fixtures.MIXED1_N10C, several, 1),
        Arguments.of(Fixtures.MIXED1_25C, several, 3),
        Arguments.of(Fixtures.MIXED1_N10C, noDelta, 1));
  }

  @ParameterizedTest(name = "{0} {1} every ~{2} s")
  @MethodSource("cases")
  void sampleBySampleEqualsBatch(String fixture, FeatureSpec spec, int everySeconds) {
    List<Sample> samples = withDisorder(sparse(Fixtures.load(fixture).samples(), everySeconds));

    List<BatchWindow> batch = BatchFeatureExtractor.windows(samples, spec);
    List<BatchWindow> streamed = new ArrayList<>();
    List<BatchWindow> decodedEveryRecord = new ArrayList<>();
    BatteryFeatureState state = BatteryFeatureState.fresh(spec);
    byte[] bytes = encode(BatteryFeatureState.fresh(spec));
    for (int k = 0; k < samples.size(); k++) {
      FeatureUpdate update = state.accept(samples.get(k));
      if (update.hasWindow()) {
        streamed.add(new BatchWindow(k, update.window()));
      }
      BatteryFeatureState decoded = BatteryFeatureState.decode(spec, ByteBuffer.wrap(bytes));
      FeatureUpdate again = decoded.accept(samples.get(k));
      bytes = encode(decoded);
      if (again.hasWindow()) {
        decodedEveryRecord.add(new BatchWindow(k, again.window()));
      }
    }

    assertThat(batch).hasSizeGreaterThan(samples.size() / 3);
    assertThat(streamed).hasSameSizeAs(batch);
    for (int k = 0; k < batch.size(); k++) {
      assertThat(streamed.get(k)).as("window %d", k).isEqualTo(batch.get(k));
    }
    assertThat(decodedEveryRecord).isEqualTo(batch);
  }

  @ParameterizedTest(name = "{0} {1} every ~{2} s")
  @MethodSource("cases")
  void blockHoldsTheSameWindowsAndTargets(String fixture, FeatureSpec spec, int everySeconds) {
    RecordedCycle full = Fixtures.load(fixture);
    List<Sample> samples = sparse(full.samples(), everySeconds);
    double[] labels = new double[samples.size()];
    for (int k = 0; k < labels.length; k++) {
      labels[k] = 0.5 + k * 1e-4;
    }
    List<BatchWindow> windows = BatchFeatureExtractor.windows(samples, spec);
    WindowBlock all = BatchFeatureExtractor.extract(samples, labels, spec, true);
    WindowBlock warm = BatchFeatureExtractor.extract(samples, labels, spec, false);

    assertThat(all.count()).isEqualTo(windows.size());
    float[] expected = new float[all.windowSize()];
    float[] actual = new float[all.windowSize()];
    for (int w = 0; w < windows.size(); w++) {
      windows.get(w).window().copyInto(expected, 0);
      System.arraycopy(all.features(), all.offsetOf(w), actual, 0, actual.length);
      assertThat(actual).as("window %d", w).containsExactly(expected);
      assertThat(all.targets()[w]).isEqualTo((float) labels[windows.get(w).sampleIndex()]);
    }
    assertThat(warm.count())
        .isEqualTo(windows.stream().filter(w -> !w.window().warmingUp()).count());
  }

  /** Every sample, or about one per {@code seconds} with ±40 % jitter (seeded). */
  private static List<Sample> sparse(List<Sample> samples, int seconds) {
    if (seconds == 1) {
      return samples;
    }
    Random random = new Random(seconds);
    List<Sample> out = new ArrayList<>();
    long next = Long.MIN_VALUE;
    for (Sample s : samples) {
      if (s.timestampMs() >= next) {
        out.add(s);
        next = s.timestampMs() + Math.round(1000 * seconds * (0.6 + 0.8 * random.nextDouble()));
      }
    }
    return out;
  }

  /** The data plus a duplicate, a late sample, an invalid one and a 2-minute gap. */
  private static List<Sample> withDisorder(List<Sample> clean) {
    int cut = clean.size() / 3;
    List<Sample> out = new ArrayList<>(clean.subList(0, cut));
    out.add(clean.get(cut - 1)); // duplicate
    out.add(clean.get(cut / 2)); // out of order
    out.add(new Sample(clean.get(cut - 1).timestampMs() + 10, Double.NaN, 0, 25)); // invalid
    long shift = 120_000;
    for (Sample s : clean.subList(cut, clean.size())) {
      out.add(new Sample(s.timestampMs() + shift, s.voltage(), s.current(), s.temperature()));
    }
    return out;
  }

  private static byte[] encode(BatteryFeatureState state) {
    ByteBuffer out = ByteBuffer.allocate(BatteryFeatureState.encodedSize(state.spec()));
    state.encode(out);
    return out.array();
  }
}
