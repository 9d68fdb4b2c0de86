package io.socstream.streams.demo;

import io.socstream.core.data.InputFiles;
import io.socstream.core.data.LgCsvReader;
import io.socstream.core.data.RecordedCycle;
import io.socstream.core.features.PackLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One demo input: an LG-layout CSV replayed as one battery.
 *
 * @param file what the summary calls the input (the path given, or the bundled file's name)
 * @param batteryId the file name without {@code .csv}
 * @param cycle its rows
 */
public record DemoInput(String file, String batteryId, RecordedCycle cycle) {

  /** The drive cycles bundled in the jar ({@code /demo/}), replayed when no input is given. */
  public static final List<String> BUNDLED = List.of("25degC_551_US06.csv", "n10degC_601_US06.csv");

  /** The bundled inputs, read from the class path. */
  public static List<DemoInput> bundled() throws IOException {
    List<DemoInput> inputs = new ArrayList<>();
    for (String name : BUNDLED) {
      String resource = "/demo/" + name;
      try (InputStream in = DemoInput.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("The bundled demo input " + resource + " is missing from the jar");
        }
        String id = stripCsv(name);
        inputs.add(new DemoInput(name, id, LgCsvReader.read(in, id)));
      }
    }
    return inputs;
  }

  /**
   * The bundled inputs as a pack wired as {@code pack} of identical cells would report them
   * (voltage × series, current × parallel); the bundled inputs themselves for one cell.
   */
  public static List<DemoInput> bundledAsPack(PackLayout pack) throws IOException {
    List<DemoInput> inputs = new ArrayList<>();
    for (DemoInput cell : bundled()) {
      inputs.add(new DemoInput(cell.file(), cell.batteryId(), cell.cycle().toPack(pack)));
    }
    return inputs;
  }

  /** The given CSV files, one battery each; fails on a missing file or a repeated battery id. */
  public static List<DemoInput> files(List<Path> files) throws IOException {
    List<DemoInput> inputs = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Path file : files) {
      InputFiles.requireReadableFile(file);
      String id = stripCsv(file.getFileName().toString());
      if (!ids.add(id)) {
        throw new IllegalArgumentException(
            "Two inputs are battery '" + id + "' (the file name without .csv): rename one");
      }
      RecordedCycle cycle = LgCsvReader.read(file);
      if (cycle.size() == 0) {
        throw new IllegalArgumentException("Input file " + file + " has no data rows");
      }
      inputs.add(new DemoInput(file.toString(), id, cycle));
    }
    return inputs;
  }

  static String stripCsv(String fileName) {
    return fileName.endsWith(".csv") ? fileName.substring(0, fileName.length() - 4) : fileName;
  }
}
