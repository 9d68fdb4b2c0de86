package io.socstream.streams.state;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batteries of one task whose newest window waits for the model, in arrival order, with their
 * decoded states. The store stays the source of truth (each state's pending flag and sequence);
 * this is the in-memory index a flush takes from, rebuilt from the store after a restore.
 */
public final class PendingBatteries {

  private final Map<String, BatteryState> byArrival = new LinkedHashMap<>();
  private long nextSeq;

  /** The pending state of {@code batteryId}, or null. */
  public BatteryState get(String batteryId) {
    return byArrival.get(batteryId);
  }

  /** Marks {@code state} pending, last in the arrival order. */
  public void add(String batteryId, BatteryState state) {
    if (state.isPending()) {
      throw new IllegalStateException("battery " + batteryId + " has a pending window already");
    }
    state.markPending(nextSeq++);
    byArrival.put(batteryId, state);
  }

  /** Re-adds states found pending in the store; call with them in their stored sequence order. */
  public void restore(String batteryId, BatteryState state) {
    byArrival.put(batteryId, state);
    nextSeq = Math.max(nextSeq, state.pendingSeq() + 1);
  }

  /** Up to {@code max} of the oldest pending batteries (ids), not removed. */
  public List<String> oldest(int max) {
    List<String> out = new ArrayList<>(Math.min(max, byArrival.size()));
    Iterator<String> it = byArrival.keySet().iterator();
    while (out.size() < max && it.hasNext()) {
      out.add(it.next());
    }
    return out;
  }

  /** No longer pending: clears its flag and drops it from the index. */
  public void remove(String batteryId) {
    BatteryState state = byArrival.remove(batteryId);
    if (state != null) {
      state.clearPending();
    }
  }

  public int size() {
    return byArrival.size();
  }

  public boolean isEmpty() {
    return byArrival.isEmpty();
  }

  public void clear() {
    byArrival.clear();
    nextSeq = 0;
  }
}
