package io.socstream.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.core.data.Fixtures;
import io.socstream.core.data.RecordedCycle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Legacy v1 (per-sample means): the step-log state and the batch extractor agree bitwise. */
class LegacyStreamingBatchEquivalenceTest {

  static Stream<Arguments> cases() {
    FeatureSpec defaults = new FeatureSpec(30, List.of(500), 60_000);
    FeatureSpec several = new FeatureSpec(7, List.of(2, 10, 60), 5_000);
    FeatureSpec long120 = new FeatureSpec(120, List.of(30, 500), 60_000);
    return Stream.of(
        Arguments.of(Fixtures.MIXED1_25C, defaults),
        Arguments.of(Fixtures.MIXED1_N10C, defaults),
        Arguments.of(Fixtures.MIXED1_25C, several),
        Arguments.of(Fixtures.MIXED1_N10C, long120));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void sampleBySampleEqualsBatch(String fixture, FeatureSpec spec) {
    List<Sample> samples = withDisorder(Fixtures.load(fixture).samples());

    List<BatchWindow> batch = BatchFeatureExtractor.windows(samples, spec);
    List<BatchWindow> streamed =
        stream(samples, StepLogFeatureState.fresh(spec, new InMemoryStepLog()));

    assertThat(batch).hasSizeGreaterThan(samples.size() / 2);
    assertThat(streamed).hasSameSizeAs(batch);
    for (int k = 0; k < batch.size(); k++) {
      assertThat(streamed.get(k)).as("window %d", k).isEqualTo(batch.get(k));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void acceptWithoutFeaturesGivesTheSameOutcomesTimesAndState(String fixture, FeatureSpec spec) {
    List<Sample> samples = withDisorder(Fixtures.load(fixture).samples());
    StepLogFeatureState full = StepLogFeatureState.fresh(spec, new InMemoryStepLog());
    StepLogFeatureState lean = StepLogFeatureState.fresh(spec, new InMemoryStepLog());
    for (Sample s : samples) {
      FeatureUpdate a = full.accept(s);
      FeatureUpdate b = lean.accept(s, false);
      assertThat(b.outcome()).isEqualTo(a.outcome());
      assertThat(b.hasWindow()).isEqualTo(a.hasWindow());
      if (a.hasWindow()) {
        assertThat(b.window().features()).isEmpty();
        assertThat(b.window().startTimestampMs()).isEqualTo(a.window().startTimestampMs());
        assertThat(b.window().endTimestampMs()).isEqualTo(a.window().endTimestampMs());
        assertThat(b.window().segmentSamples()).isEqualTo(a.window().segmentSamples());
        assertThat(b.window().warmingUp()).isEqualTo(a.window().warmingUp());
      }
      assertThat(FeatureStateCodec.encodeHeader(lean.header()))
          .isEqualTo(FeatureStateCodec.encodeHeader(full.header()));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void storeBackedStateResumedEveryRecordEqualsBatch(String fixture, FeatureSpec spec) {
    List<Sample> samples = withDisorder(Fixtures.load(fixture).samples());
    EncodedStore store = new EncodedStore();
    byte[] header = FeatureStateCodec.encodeHeader(StateHeader.empty(spec));

    // As the streams app does: decode the header, process one record, write the header back.
    List<BatchWindow> streamed = new ArrayList<>();
    for (int k = 0; k < samples.size(); k++) {
      StateHeader h = FeatureStateCodec.decodeHeader(header);
      FeatureUpdate update = StepLogFeatureState.resume(spec, h, store).accept(samples.get(k));
      header = FeatureStateCodec.encodeHeader(h);
      if (update.hasWindow()) {
        streamed.add(new BatchWindow(k, update.window()));
      }
    }

    assertThat(streamed).isEqualTo(BatchFeatureExtractor.windows(samples, spec));
    // Nothing leaks: the store holds exactly the steps the header says are retained.
    StateHeader last = FeatureStateCodec.decodeHeader(header);
    assertThat((long) store.size()).isEqualTo(last.newestSeq() - last.oldestRetainedSeq() + 1);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void blockHoldsTheSameWindowsAndTargets(String fixture, FeatureSpec spec) {
    RecordedCycle cycle = Fixtures.load(fixture);
    List<BatchWindow> windows = BatchFeatureExtractor.windows(cycle.samples(), spec);

    WindowBlock all = cycle.windowBlock(spec, true);
    WindowBlock warm = cycle.windowBlock(spec, false);

    assertThat(all.count()).isEqualTo(windows.size());
    float[] expected = new float[all.windowSize()];
    float[] actual = new float[all.windowSize()];
    for (int w = 0; w < windows.size(); w++) {
      windows.get(w).window().copyInto(expected, 0);
      System.arraycopy(all.features(), all.offsetOf(w), actual, 0, actual.length);
      assertThat(actual).as("window %d", w).containsExactly(expected);
      assertThat(all.sampleIndex()[w]).isEqualTo(windows.get(w).sampleIndex());
      assertThat(all.targets()[w]).isEqualTo((float) cycle.soc()[windows.get(w).sampleIndex()]);
    }
    long warmedUp = windows.stream().filter(w -> !w.window().warmingUp()).count();
    assertThat(warm.count()).isEqualTo(warmedUp);
  }

  private static List<BatchWindow> stream(List<Sample> samples, StepLogFeatureState state) {
    List<BatchWindow> out = new ArrayList<>();
    for (int k = 0; k < samples.size(); k++) {
      FeatureUpdate update = state.accept(samples.get(k));
      if (update.hasWindow()) {
        out.add(new BatchWindow(k, update.window()));
      }
    }
    return out;
  }

  /** Real data plus a duplicate, a late sample, an invalid one and a 2-minute gap. */
  private static List<Sample> withDisorder(List<Sample> clean) {
    List<Sample> out = new ArrayList<>(clean.subList(0, 200));
    out.add(clean.get(199)); // duplicate
    out.add(clean.get(150)); // out of order
    out.add(new Sample(clean.get(199).timestampMs() + 10, Double.NaN, 0, 25)); // invalid
    long shift = 120_000;
    for (Sample s : clean.subList(200, clean.size())) {
      out.add(new Sample(s.timestampMs() + shift, s.voltage(), s.current(), s.temperature()));
    }
    return out;
  }

  /** A step log that stores encoded bytes, as a Kafka key-value store would. */
  private static final class EncodedStore implements StepLog {
    private final Map<Long, byte[]> bytes = new HashMap<>();

    @Override
    public void put(long seq, StepRecord record) {
      bytes.put(seq, FeatureStateCodec.encodeStep(record));
    }

    @Override
    public StepRecord get(long seq) {
      byte[] value = bytes.get(seq);
      if (value == null) {
        throw new IllegalStateException("no step " + seq);
      }
      return FeatureStateCodec.decodeStep(value);
    }

    @Override
    public void delete(long seq) {
      bytes.remove(seq);
    }

    int size() {
      return bytes.size();
    }
  }
}
