package io.socstream.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The feature pipeline and the CSV reader must stay plain Java: no Kafka, no TensorFlow. */
class PurityTest {

  private static final List<String> PURE_PACKAGES =
      List.of("io/socstream/core/features", "io/socstream/core/data");

  @Test
  void pureJavaPackagesImportNeitherKafkaNorTensorFlow() throws IOException {
    Path sources = sourceRoot();
    List<Path> files = new ArrayList<>();
    List<String> offenders = new ArrayList<>();
    for (String pkg : PURE_PACKAGES) {
      try (Stream<Path> walk = Files.walk(sources.resolve(pkg))) {
        walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
      }
    }
    for (Path file : files) {
      for (String line : Files.readAllLines(file)) {
        // Any mention counts, so fully qualified names without an import are caught too.
        if (line.contains("org.apache.kafka") || line.contains("org.tensorflow")) {
          offenders.add(file.getFileName() + ": " + line.strip());
        }
      }
    }

    assertThat(files).as("source files scanned").hasSizeGreaterThan(10);
    assertThat(offenders).as("Kafka/TensorFlow imports in pure packages").isEmpty();
  }

  /** The module's main sources, whether tests run from the module or the repository root. */
  private static Path sourceRoot() {
    String basedir = System.getProperty("basedir", "");
    for (Path candidate :
        List.of(Path.of(basedir, "main/java"), Path.of("main/java"), Path.of("src/main/java"))) {
      if (Files.isDirectory(candidate.resolve(PURE_PACKAGES.get(0)))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "cannot find the core's main sources from " + Path.of("").toAbsolutePath());
  }
}
