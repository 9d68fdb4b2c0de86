package io.socstream.streams.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM's JIT compiler threads (HotSpot's {@code C1/C2 CompilerThread}s), read from
 * {@code /proc/self/task} on Linux. The bench's runs last seconds: on 2 cores the compiler was
 * still busy during run (b) after the warm-up (about 1,000 compilations and 400 deoptimisations of
 * broker, client and Streams code), a cost a long-running engine pays once. The compiler threads
 * are hidden from {@code ThreadMXBean}, hence {@code /proc}.
 */
final class JitCompilerCpu {

  /** Linux's USER_HZ: the unit of utime and stime in {@code /proc/<pid>/task/<tid>/stat}. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private static final Path TASKS = Path.of("/proc/self/task");

  private final Map<String, Long> ticksAtStart;

  private JitCompilerCpu(Map<String, Long> ticksAtStart) {
    this.ticksAtStart = ticksAtStart;
  }

  /** Whether this platform exposes the compiler threads' CPU (Linux). */
  static boolean available() {
    return Files.isDirectory(TASKS);
  }

  /** Starts counting from now. */
  static JitCompilerCpu start() {
    return new JitCompilerCpu(compilerTicks());
  }

  /**
   * CPU of the compiler threads since {@link #start()}, ns; 0 where {@code /proc} is missing. A
   * compiler thread that ended in between is not counted (HotSpot adds and removes them), so this
   * errs low.
   */
  long elapsedNanos() {
    long ticks = 0;
    for (Map.Entry<String, Long> now : compilerTicks().entrySet()) {
      ticks += Math.max(0, now.getValue() - ticksAtStart.getOrDefault(now.getKey(), 0L));
    }
    return ticks * NANOS_PER_TICK;
  }

  /** Thread id → utime + stime ticks, for the compiler threads. */
  private static Map<String, Long> compilerTicks() {
    Map<String, Long> out = new HashMap<>();
    if (!available()) {
      return out;
    }
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        try {
          String comm = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII);
          if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            out.put(task.getFileName().toString(), ticks(Files.readString(task.resolve("stat"))));
          }
        } catch (IOException | RuntimeException e) {
          // The thread ended while being read: not counted.
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** utime + stime: fields 14 and 15 of stat, counted after the parenthesised command name. */
  static long ticks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // f[0] is field 3 (state): utime is field 14 = f[11], stime field 15 = f[12].
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
