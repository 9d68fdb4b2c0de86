package io.socstream.streams.tools;

import java.util.BitSet;

/**
 * How many records, counted from the first one sent, are acknowledged without a gap. Acks of
 * different partitions arrive out of order; only this prefix is known to be in the topic, so it is
 * the count a resumed replay may skip.
 */
public final class AckedPrefix {

  private final BitSet acked = new BitSet();
  private int prefix;

  /** Records the ack of the record sent {@code index}-th (from 0). */
  public synchronized void ack(int index) {
    acked.set(index);
    prefix = acked.nextClearBit(prefix);
  }

  /** Records 0 .. prefix-1 are all acknowledged. */
  public synchronized long prefix() {
    return prefix;
  }
}
