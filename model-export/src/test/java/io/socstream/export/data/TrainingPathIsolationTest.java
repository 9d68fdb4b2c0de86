package io.socstream.export.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.export.prepare.LabelRepair;
import io.socstream.export.prepare.TrainingSetBuilder;
import io.socstream.export.run.TrainingRun;
import io.socstream.export.run.ValidationScores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The held-out test set is unreachable from training by construction; this pins it: no class on the
 * training path refers to {@link HeldOutTestData} or to the package-private scanner.
 */
class TrainingPathIsolationTest {

  private static final List<Class<?>> TRAINING_PATH =
      List.of(
          TrainingData.class,
          TrainingSetBuilder.class,
          LabelRepair.class,
          TrainingRun.class,
          ValidationScores.class);

  @Test
  void trainingCodeNeverNamesTheTestSet() throws Exception {
    List<Class<?>> classes = new java.util.ArrayList<>(TRAINING_PATH);
    classes.add(Class.forName("io.socstream.export.cli.TrainCommand"));
    for (Class<?> type : classes) {
      assertThat(constantPool(type))
          .as(type.getName())
          .doesNotContain(HeldOutTestData.class.getName().replace('.', '/'));
    }
    assertThat(constantPool(Class.forName("io.socstream.export.cli.TrainCommand")))
        .doesNotContain("DatasetScanner");
  }

  @Test
  void trainingDataExposesNoTestFile() {
    assertThat(TrainingData.class.getRecordComponents())
        .extracting(c -> c.getName())
        .containsExactly("dataDir", "train", "validation");
  }

  /** The class file's bytes as text: every class it references is named in its constant pool. */
  private static String constantPool(Class<?> type) throws IOException {
    String resource = "/" + type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
