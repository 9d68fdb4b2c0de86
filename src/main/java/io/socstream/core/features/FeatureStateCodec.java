package io.socstream.core.features;

import java.util.Arrays;

/**
 * Byte encodings of the feature state for Kafka state stores and snapshots. Every encoding starts
 * with a version byte; decoding an unknown version fails with an {@link IllegalArgumentException}
 * naming it.
 *
 * <h2>Per-record writes (header + step record)</h2>
 *
 * The streams app stores the {@link StateHeader} under the battery id and each {@link StepRecord}
 * under (battery id, sequence). Per accepted sample it writes one header and one step record, and
 * deletes at most a few expired step keys (each key is deleted once). Both encodings are
 * fixed-width big-endian, so the bytes written per record are constant: {@link #headerSize(int)} +
 * {@link #stepSize(int)}, independent of T, of the horizon lengths and of the number of samples.
 *
 * <pre>
 * header v1: u8 version | i32 T | u8 H | i32 horizonSeconds[H]
 *            | i64 segmentStartMs, lastTimestampMs, segmentStartSeq, oldestRetainedSeq, nextSeq
 *            | i64 accepted, duplicates, outOfOrder, gapRestarts, invalid
 *            | H x (i64 sumVoltage, i64 sumCurrent, i64 horizonStartSeq)
 * step v1:   u8 version | i64 timestampMs | i32 voltage, current, temperature | u8 2H | f32 means[2H]
 * </pre>
 *
 * <h2>Snapshot</h2>
 *
 * The whole state of one battery (header and every retained step) in one compact blob: varints,
 * sequence numbers relative to the newest, timestamps and quantised values as zig-zag deltas from
 * the previous step. Rolling means are carried only for the last T steps, the only ones a future
 * window reads; older steps are kept for their values, which future evictions subtract. Decoding
 * restores a state that emits exactly the same windows as the original.
 */
public final class FeatureStateCodec {

  /** The version this build writes and reads. */
  public static final int VERSION = 1;

  private static final int BASE_FIELDS = 10;

  private FeatureStateCodec() {}

  /** Encoded header size for {@code horizonCount} horizons. */
  public static int headerSize(int horizonCount) {
    return 1 + 4 + 1 + 4 * horizonCount + 8 * BASE_FIELDS + 3 * 8 * horizonCount;
  }

  /** Encoded step-record size for {@code horizonCount} horizons. */
  public static int stepSize(int horizonCount) {
    return 1 + 8 + 3 * 4 + 1 + 2 * 4 * horizonCount;
  }

  /** The fixed-width header encoding. */
  public static byte[] encodeHeader(StateHeader h) {
    int count = h.horizonCount();
    ByteWriter out = new ByteWriter(headerSize(count));
    out.writeByte(VERSION);
    out.writeInt(h.windowLength);
    out.writeByte(count);
    for (int seconds : h.horizonSeconds) {
      out.writeInt(seconds);
    }
    out.writeLong(h.segmentStartMs);
    out.writeLong(h.lastTimestampMs);
    out.writeLong(h.segmentStartSeq);
    out.writeLong(h.oldestRetainedSeq);
    out.writeLong(h.nextSeq);
    out.writeLong(h.accepted);
    out.writeLong(h.duplicates);
    out.writeLong(h.outOfOrder);
    out.writeLong(h.gapRestarts);
    out.writeLong(h.invalid);
    for (int k = 0; k < count; k++) {
      out.writeLong(h.sumVoltage[k]);
      out.writeLong(h.sumCurrent[k]);
      out.writeLong(h.horizonStartSeq[k]);
    }
    return out.toByteArray();
  }

  /** Decodes {@link #encodeHeader}. */
  public static StateHeader decodeHeader(byte[] bytes) {
    ByteReader in = new ByteReader(bytes, "feature-state header");
    checkVersion(in.readByte(), "header");
    int windowLength = in.readInt();
    int[] horizons = new int[in.readByte()];
    for (int k = 0; k < horizons.length; k++) {
      horizons[k] = in.readInt();
    }
    StateHeader h = new StateHeader(windowLength, horizons);
    h.segmentStartMs = in.readLong();
    h.lastTimestampMs = in.readLong();
    h.segmentStartSeq = in.readLong();
    h.oldestRetainedSeq = in.readLong();
    h.nextSeq = in.readLong();
    h.accepted = in.readLong();
    h.duplicates = in.readLong();
    h.outOfOrder = in.readLong();
    h.gapRestarts = in.readLong();
    h.invalid = in.readLong();
    for (int k = 0; k < horizons.length; k++) {
      h.sumVoltage[k] = in.readLong();
      h.sumCurrent[k] = in.readLong();
      h.horizonStartSeq[k] = in.readLong();
    }
    in.expectEnd();
    return h;
  }

  /** The fixed-width step-record encoding. */
  public static byte[] encodeStep(StepRecord r) {
    ByteWriter out = new ByteWriter(stepSize(r.means().length / 2));
    out.writeByte(VERSION);
    out.writeLong(r.timestampMs());
    out.writeInt(r.voltage());
    out.writeInt(r.current());
    out.writeInt(r.temperature());
    out.writeByte(r.means().length);
    for (float mean : r.means()) {
      out.writeFloat(mean);
    }
    return out.toByteArray();
  }

  /** Decodes {@link #encodeStep}. */
  public static StepRecord decodeStep(byte[] bytes) {
    ByteReader in = new ByteReader(bytes, "feature-state step record");
    checkVersion(in.readByte(), "step record");
    long timestamp = in.readLong();
    int voltage = in.readInt();
    int current = in.readInt();
    int temperature = in.readInt();
    float[] means = new float[in.readByte()];
    for (int k = 0; k < means.length; k++) {
      means[k] = in.readFloat();
    }
    in.expectEnd();
    return new StepRecord(timestamp, voltage, current, temperature, means);
  }

  /** The compact snapshot of {@code state}: its header and every retained step. */
  public static byte[] encodeSnapshot(StepLogFeatureState state) {
    StateHeader h = state.header();
    StepLog log = state.stepLog();
    ByteWriter out = new ByteWriter(256);
    out.writeByte(VERSION);
    out.writeVarLong(h.windowLength);
    out.writeVarLong(h.horizonCount());
    for (int seconds : h.horizonSeconds) {
      out.writeVarLong(seconds);
    }
    out.writeVarLong(h.accepted);
    out.writeVarLong(h.duplicates);
    out.writeVarLong(h.outOfOrder);
    out.writeVarLong(h.gapRestarts);
    out.writeVarLong(h.invalid);
    if (h.isEmpty()) {
      return out.toByteArray();
    }
    long next = h.nextSeq;
    out.writeVarLong(next);
    out.writeVarLong(next - h.segmentStartSeq);
    out.writeVarLong(next - h.oldestRetainedSeq);
    out.writeSignedVarLong(h.segmentStartMs);
    out.writeSignedVarLong(h.lastTimestampMs - h.segmentStartMs);
    for (int k = 0; k < h.horizonCount(); k++) {
      out.writeVarLong(next - h.horizonStartSeq[k]);
      out.writeSignedVarLong(h.sumVoltage[k]);
      out.writeSignedVarLong(h.sumCurrent[k]);
    }
    long retained = next - h.oldestRetainedSeq;
    long withMeans = Math.min(retained, h.windowLength);
    out.writeVarLong(withMeans);
    long previousTs = h.segmentStartMs;
    int v = 0;
    int i = 0;
    int temp = 0;
    for (long seq = h.oldestRetainedSeq; seq < next; seq++) {
      StepRecord step = log.get(seq);
      out.writeSignedVarLong(step.timestampMs() - previousTs);
      out.writeSignedVarLong((long) step.voltage() - v);
      out.writeSignedVarLong((long) step.current() - i);
      out.writeSignedVarLong((long) step.temperature() - temp);
      if (seq >= next - withMeans) {
        for (float mean : step.means()) {
          out.writeFloat(mean);
        }
      }
      previousTs = step.timestampMs();
      v = step.voltage();
      i = step.current();
      temp = step.temperature();
    }
    return out.toByteArray();
  }

  /**
   * Restores a snapshot into {@code into}, which must hold no steps of this battery.
   *
   * @throws IllegalArgumentException on an unknown version, a truncated or inconsistent snapshot,
   *     or a snapshot made for another window length or other horizons than {@code spec}
   */
  public static StepLogFeatureState decodeSnapshot(byte[] bytes, FeatureSpec spec, StepLog into) {
    ByteReader in = new ByteReader(bytes, "feature-state snapshot");
    checkVersion(in.readByte(), "snapshot");
    int windowLength = Math.toIntExact(in.readVarLong());
    int[] horizons = new int[Math.toIntExact(in.readVarLong())];
    for (int k = 0; k < horizons.length; k++) {
      horizons[k] = Math.toIntExact(in.readVarLong());
    }
    StateHeader h = new StateHeader(windowLength, horizons);
    if (!h.matches(spec)) {
      throw new IllegalArgumentException(
          "feature-state snapshot was made for T="
              + windowLength
              + " and horizons "
              + Arrays.toString(horizons)
              + ", not for "
              + spec);
    }
    h.accepted = in.readVarLong();
    h.duplicates = in.readVarLong();
    h.outOfOrder = in.readVarLong();
    h.gapRestarts = in.readVarLong();
    h.invalid = in.readVarLong();
    if (!h.isEmpty()) {
      long next = in.readVarLong();
      h.nextSeq = next;
      h.segmentStartSeq = next - in.readVarLong();
      h.oldestRetainedSeq = next - in.readVarLong();
      h.segmentStartMs = in.readSignedVarLong();
      h.lastTimestampMs = h.segmentStartMs + in.readSignedVarLong();
      for (int k = 0; k < horizons.length; k++) {
        h.horizonStartSeq[k] = next - in.readVarLong();
        h.sumVoltage[k] = in.readSignedVarLong();
        h.sumCurrent[k] = in.readSignedVarLong();
      }
      readSteps(in, h, into);
    }
    in.expectEnd();
    return StepLogFeatureState.resume(spec, h, into);
  }

  private static void readSteps(ByteReader in, StateHeader h, StepLog into) {
    long next = h.nextSeq;
    long withMeans = in.readVarLong();
    int meanCount = 2 * h.horizonCount();
    long ts = h.segmentStartMs;
    long v = 0;
    long i = 0;
    long temp = 0;
    for (long seq = h.oldestRetainedSeq; seq < next; seq++) {
      ts += in.readSignedVarLong();
      v += in.readSignedVarLong();
      i += in.readSignedVarLong();
      temp += in.readSignedVarLong();
      float[] means = new float[meanCount];
      if (seq >= next - withMeans) {
        for (int k = 0; k < meanCount; k++) {
          means[k] = in.readFloat();
        }
      } else {
        Arrays.fill(means, Float.NaN);
      }
      into.put(
          seq,
          new StepRecord(ts, Math.toIntExact(v), Math.toIntExact(i), Math.toIntExact(temp), means));
    }
    if (ts != h.lastTimestampMs) {
      throw new IllegalArgumentException(
          "feature-state snapshot: newest step at " + ts + " but header says " + h.lastTimestampMs);
    }
  }

  private static void checkVersion(int version, String what) {
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "unknown feature-state "
              + what
              + " codec version "
              + version
              + " (this build reads version "
              + VERSION
              + ")");
    }
  }
}
