package io.socstream.core.features;

/** Reads what {@link ByteWriter} wrote; running past the end is an IllegalArgumentException. */
final class ByteReader {

  private final byte[] bytes;
  private final String what;
  private int position;

  ByteReader(byte[] bytes, String what) {
    this.bytes = bytes;
    this.what = what;
  }

  int readByte() {
    need(1);
    return bytes[position++] & 0xFF;
  }

  int readInt() {
    need(4);
    int v = 0;
    for (int k = 0; k < 4; k++) {
      v = (v << 8) | (bytes[position++] & 0xFF);
    }
    return v;
  }

  long readLong() {
    need(8);
    long v = 0;
    for (int k = 0; k < 8; k++) {
      v = (v << 8) | (bytes[position++] & 0xFF);
    }
    return v;
  }

  float readFloat() {
    return Float.intBitsToFloat(readInt());
  }

  long readVarLong() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalArgumentException(what + ": varint longer than 10 bytes at " + position);
  }

  long readSignedVarLong() {
    long raw = readVarLong();
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** Fails unless every byte was read: trailing bytes mean a format mix-up. */
  void expectEnd() {
    if (position != bytes.length) {
      throw new IllegalArgumentException(
          what + ": " + (bytes.length - position) + " unexpected trailing bytes");
    }
  }

  private void need(int n) {
    if (position + n > bytes.length) {
      throw new IllegalArgumentException(
          what + ": truncated, needed " + n + " more bytes at offset " + position);
    }
  }
}
