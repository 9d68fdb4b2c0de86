package io.socstream.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.core.data.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureStateCodecTest {

  private static final FeatureSpec SPEC = new FeatureSpec(30, List.of(500), 60_000); // legacy v1

  private static StepLogFeatureState fed(FeatureSpec spec, List<Sample> samples) {
    StepLogFeatureState state = StepLogFeatureState.fresh(spec, new InMemoryStepLog());
    samples.forEach(state::accept);
    return state;
  }

  @Test
  void headerAndStepRoundTrip() {
    StepLogFeatureState state = fed(SPEC, Fixtures.load(Fixtures.MIXED1_25C).samples());
    StateHeader header = state.header();
    StepRecord newest = state.stepLog().get(header.newestSeq());

    assertThat(FeatureStateCodec.decodeHeader(FeatureStateCodec.encodeHeader(header)))
        .isEqualTo(header);
    assertThat(FeatureStateCodec.decodeStep(FeatureStateCodec.encodeStep(newest)))
        .isEqualTo(newest);
  }

  @Test
  void snapshotRoundTripContinuesExactlyAsUninterrupted() {
    List<Sample> samples = Fixtures.load(Fixtures.MIXED1_25C).samples();
    int half = samples.size() / 2;
    StepLogFeatureState uninterrupted = fed(SPEC, samples.subList(0, half));
    byte[] snapshot = FeatureStateCodec.encodeSnapshot(uninterrupted);

    StepLogFeatureState restored =
        FeatureStateCodec.decodeSnapshot(snapshot, SPEC, new InMemoryStepLog());

    assertThat(restored.header()).isEqualTo(uninterrupted.header());
    assertThat(FeatureStateCodec.encodeSnapshot(restored)).isEqualTo(snapshot);
    for (Sample s : samples.subList(half, samples.size())) {
      FeatureUpdate expected = uninterrupted.accept(s);
      assertThat(restored.accept(s)).isEqualTo(expected);
    }
    assertThat(restored.header()).isEqualTo(uninterrupted.header());
  }

  @Test
  void snapshotOfAnEmptyStateRoundTrips() {
    StepLogFeatureState empty = StepLogFeatureState.fresh(SPEC, new InMemoryStepLog());
    byte[] bytes = FeatureStateCodec.encodeSnapshot(empty);

    StepLogFeatureState restored =
        FeatureStateCodec.decodeSnapshot(bytes, SPEC, new InMemoryStepLog());

    assertThat(restored.header()).isEqualTo(empty.header());
    assertThat(bytes).hasSizeLessThan(16);
  }

  @Test
  void snapshotAfter2000SamplesAt1HzFitsIn8KiB() {
    List<Sample> samples = Fixtures.twoThousandSamples();
    assertThat(samples).hasSize(2000);
    StepLogFeatureState state = fed(SPEC, samples);

    int size = FeatureStateCodec.encodeSnapshot(state).length;

    long retained = state.header().newestSeq() - state.header().oldestRetainedSeq() + 1;
    System.out.printf("snapshot: %d bytes for %d retained steps (T=30, 500 s)%n", size, retained);
    assertThat(size)
        .as("snapshot size %d bytes for %d retained steps", size, retained)
        .isLessThanOrEqualTo(8 * 1024);
  }

  @Test
  void perRecordBytesDoNotGrowWithWindowHorizonOrHistory() {
    List<Sample> samples = Fixtures.twoThousandSamples();
    List<Integer> headerSizes = new ArrayList<>();
    List<Integer> stepSizes = new ArrayList<>();
    for (FeatureSpec spec :
        List.of(
            new FeatureSpec(30, List.of(500), 60_000),
            new FeatureSpec(120, List.of(500), 60_000),
            new FeatureSpec(30, List.of(1500), 60_000),
            new FeatureSpec(120, List.of(1500), 60_000))) {
      for (int n : new int[] {1, 10, 2000}) {
        StepLogFeatureState state = fed(spec, samples.subList(0, n));
        headerSizes.add(FeatureStateCodec.encodeHeader(state.header()).length);
        stepSizes.add(
            FeatureStateCodec.encodeStep(state.stepLog().get(state.header().newestSeq())).length);
      }
    }

    assertThat(headerSizes).containsOnly(FeatureStateCodec.headerSize(1));
    assertThat(stepSizes).containsOnly(FeatureStateCodec.stepSize(1));
    assertThat(FeatureStateCodec.headerSize(1) + FeatureStateCodec.stepSize(1))
        .as("bytes written per record")
        .isLessThanOrEqualTo(160);
  }

  @Test
  void unknownVersionIsRejectedByName() {
    StepLogFeatureState state = fed(SPEC, Fixtures.load(Fixtures.MIXED1_N10C).samples());
    byte[] header = FeatureStateCodec.encodeHeader(state.header());
    byte[] step = FeatureStateCodec.encodeStep(state.stepLog().get(state.header().newestSeq()));
    byte[] snapshot = FeatureStateCodec.encodeSnapshot(state);
    header[0] = 7;
    step[0] = 8;
    snapshot[0] = 9;

    assertThatThrownBy(() -> FeatureStateCodec.decodeHeader(header))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 7");
    assertThatThrownBy(() -> FeatureStateCodec.decodeStep(step))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 8");
    assertThatThrownBy(
            () -> FeatureStateCodec.decodeSnapshot(snapshot, SPEC, new InMemoryStepLog()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 9");
  }

  @Test
  void truncatedOrForeignSpecSnapshotsAreRejected() {
    StepLogFeatureState state = fed(SPEC, Fixtures.load(Fixtures.MIXED1_N10C).samples());
    byte[] snapshot = FeatureStateCodec.encodeSnapshot(state);
    byte[] truncated = java.util.Arrays.copyOf(snapshot, snapshot.length - 3);

    assertThatThrownBy(
            () -> FeatureStateCodec.decodeSnapshot(truncated, SPEC, new InMemoryStepLog()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(
            () ->
                FeatureStateCodec.decodeSnapshot(
                    snapshot, new FeatureSpec(60, List.of(500), 60_000), new InMemoryStepLog()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("T=30");
    assertThatThrownBy(
            () ->
                StepLogFeatureState.resume(
                    new FeatureSpec(30, List.of(300), 60_000),
                    state.header(),
                    new InMemoryStepLog()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
