package io.socstream.core.features;

import java.util.ArrayList;
import java.util.List;

/**
 * How the cells of a pack are wired: {@code series} cells in series, {@code parallel} strings in
 * parallel. The model estimates one cell, so a pack's telemetry is turned into one cell's before
 * anything else looks at it: the pack voltage is shared by the cells in series ({@code V /
 * series}), the pack current by the strings in parallel ({@code I / parallel}); the temperature is
 * a cell's already. This assumes balanced cells, which is what a pack-level SOC means.
 *
 * <p>The engine ({@code soc.pack.series}/{@code soc.pack.parallel}), {@code predict} and {@code
 * demo} convert with {@link #toCell}; {@code replay} goes the other way with {@link #toPack} to
 * simulate a pack from a cell's recording.
 *
 * @param series cells in series, at least 1
 * @param parallel cells (strings) in parallel, at least 1
 */
public record PackLayout(int series, int parallel) {

  /** One cell on its own: the conversion is the identity. */
  public static final PackLayout CELL = new PackLayout(1, 1);

  public PackLayout {
    if (series < 1) {
      throw new IllegalArgumentException("series must be >= 1, was " + series);
    }
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be >= 1, was " + parallel);
    }
  }

  /** True for a single cell (1s1p), whose values need no conversion. */
  public boolean isCell() {
    return series == 1 && parallel == 1;
  }

  /** One cell's voltage, volts, from the pack's. */
  public double cellVoltage(double packVoltage) {
    return packVoltage / series;
  }

  /** One cell's current, amperes (same sign convention), from the pack's. */
  public double cellCurrent(double packCurrent) {
    return packCurrent / parallel;
  }

  /** The pack's voltage, volts, when every cell shows {@code cellVoltage}. */
  public double packVoltage(double cellVoltage) {
    return cellVoltage * series;
  }

  /** The pack's current, amperes, when every cell carries {@code cellCurrent}. */
  public double packCurrent(double cellCurrent) {
    return cellCurrent * parallel;
  }

  /** One cell's sample from a pack's (the same instance for a single cell). */
  public Sample toCell(Sample pack) {
    return isCell()
        ? pack
        : new Sample(
            pack.timestampMs(),
            cellVoltage(pack.voltage()),
            cellCurrent(pack.current()),
            pack.temperature());
  }

  /** The pack's sample when every cell behaves like {@code cell}. */
  public Sample toPack(Sample cell) {
    return isCell()
        ? cell
        : new Sample(
            cell.timestampMs(),
            packVoltage(cell.voltage()),
            packCurrent(cell.current()),
            cell.temperature());
  }

  /** {@link #toCell(Sample)} of every sample, in order. */
  public List<Sample> toCell(List<Sample> pack) {
    if (isCell()) {
      return pack;
    }
    List<Sample> cells = new ArrayList<>(pack.size());
    pack.forEach(s -> cells.add(toCell(s)));
    return cells;
  }

  /** {@link #toPack(Sample)} of every sample, in order. */
  public List<Sample> toPack(List<Sample> cells) {
    if (isCell()) {
      return cells;
    }
    List<Sample> pack = new ArrayList<>(cells.size());
    cells.forEach(s -> pack.add(toPack(s)));
    return pack;
  }

  /** The usual notation, e.g. {@code 96s2p}. */
  @Override
  public String toString() {
    return series + "s" + parallel + "p";
  }
}
