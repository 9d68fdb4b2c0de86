package io.socstream.streams.tools;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal stream ({@code \r}-redrawn, at most 5 times a second):
 * {@code [=========> ] 45.0% 12345/27432 records 1,234 rec/s}. {@link #done()} ends the line.
 */
public final class ProgressBar {

  /** Makes a bar for a label and a total; lets callers choose the stream (or none). */
  public interface Factory {
    ProgressBar create(String label, long total);

    /** Bars drawn on {@code out}; null = not drawn. */
    static Factory on(PrintWriter out) {
      return (label, total) -> new ProgressBar(out, label, total);
    }
  }

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter out;
  private final String label;
  private final long total;
  private final long startNanos = System.nanoTime();
  private long count;
  private long lastDraw;

  /**
   * @param out where to draw (stderr), null = nowhere
   * @param total the expected count, ≤ 0 = unknown (no bar, only the count)
   */
  public ProgressBar(PrintWriter out, String label, long total) {
    this.out = out;
    this.label = label;
    this.total = total;
  }

  public synchronized void step(long n) {
    count += n;
    long now = System.nanoTime();
    if (now - lastDraw >= REDRAW_NANOS) {
      lastDraw = now;
      draw();
    }
  }

  public synchronized long count() {
    return count;
  }

  /** Draws the final state and ends the line. */
  public synchronized void done() {
    draw();
    if (out != null) {
      out.println();
      out.flush();
    }
  }

  private void draw() {
    if (out == null) {
      return;
    }
    double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    String rate = String.format(Locale.ROOT, "%,.0f rec/s", count / seconds);
    String line;
    if (total > 0) {
      double fraction = Math.min(1.0, (double) count / total);
      int filled = (int) Math.round(fraction * WIDTH);
      StringBuilder bar = new StringBuilder("[");
      for (int i = 0; i < WIDTH; i++) {
        bar.append(i < filled ? '=' : (i == filled ? '>' : ' '));
      }
      bar.append(']');
      line =
          String.format(
              Locale.ROOT,
              "%s %s %5.1f%%  %d/%d %s",
              label,
              bar,
              100 * fraction,
              count,
              total,
              rate);
    } else {
      line = String.format(Locale.ROOT, "%s %d records  %s", label, count, rate);
    }
    out.print("\r" + line);
    out.flush();
  }
}
