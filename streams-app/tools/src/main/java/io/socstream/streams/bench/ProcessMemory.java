package io.socstream.streams.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Heap and resident set size of this process; RSS from {@code /proc/self/status} (Linux). */
final class ProcessMemory implements AutoCloseable {

  private final Thread sampler;
  private volatile boolean running = true;
  private volatile long peakHeapUsed;
  private volatile long peakRss;

  private ProcessMemory() {
    sampler =
        new Thread(
            () -> {
              while (running) {
                sample();
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "bench-memory-sampler");
    sampler.setDaemon(true);
  }

  /** Starts sampling heap use and RSS every 100 ms. */
  static ProcessMemory sample100ms() {
    ProcessMemory m = new ProcessMemory();
    m.sample();
    m.sampler.start();
    return m;
  }

  private void sample() {
    long heap = heapUsed();
    if (heap > peakHeapUsed) {
      peakHeapUsed = heap;
    }
    long rss = rssBytes();
    if (rss > peakRss) {
      peakRss = rss;
    }
  }

  long peakHeapUsed() {
    return peakHeapUsed;
  }

  long peakRss() {
    return peakRss;
  }

  static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static long heapMax() {
    return Runtime.getRuntime().maxMemory();
  }

  /** VmRSS in bytes; where /proc is missing, committed heap + non-heap as an approximation. */
  static long rssBytes() {
    return procStatus("VmRSS:");
  }

  /** VmHWM (peak RSS of the process so far) in bytes, or the same approximation. */
  static long peakRssBytes() {
    return procStatus("VmHWM:");
  }

  private static long procStatus(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field)) {
          String[] parts = line.substring(field.length()).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    var mem = ManagementFactory.getMemoryMXBean();
    return mem.getHeapMemoryUsage().getCommitted() + mem.getNonHeapMemoryUsage().getCommitted();
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    sample();
  }
}
