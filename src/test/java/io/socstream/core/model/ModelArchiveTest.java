package io.socstream.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.inference.RunnerOptions;
import io.socstream.core.inference.SavedModelRunner;
import io.socstream.core.inference.TinyModelFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArchiveTest {

  private static final FeatureSpec SPEC = new FeatureSpec(5, List.of(10), 5_000L);

  @TempDir Path tmp;

  @Test
  void roundTripGivesTheSameFilesAndAModelThatPredictsTheSame() throws IOException {
    Path source = tmp.resolve("source");
    TinyModelFactory.export(source, SPEC);

    byte[] archive = ModelArchive.pack(source);
    Path target = tmp.resolve("target");
    ModelCard card = ModelArchive.unpack(archive, target);

    assertThat(card.modelVersion()).isEqualTo(TinyModelFactory.MODEL_VERSION);
    assertThat(relativeFiles(target)).isEqualTo(relativeFiles(source));
    for (String file : relativeFiles(source)) {
      assertThat(Files.readAllBytes(target.resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(source.resolve(file)));
    }
    float[] windows = new float[2 * 5 * SPEC.featureCount()];
    for (int i = 0; i < windows.length; i++) {
      windows[i] = (i % 7) * 0.1f - 0.3f;
    }
    try (SavedModelRunner a = SavedModelRunner.open(source, RunnerOptions.defaults());
        SavedModelRunner b = SavedModelRunner.open(target, RunnerOptions.defaults())) {
      assertThat(b.predict(windows, 2)).containsExactly(a.predict(windows, 2));
    }
  }

  @Test
  void packingIsDeterministicAndReadsTheCardWithoutUnpacking() throws IOException {
    Path source = tmp.resolve("source");
    TinyModelFactory.export(source, SPEC);
    byte[] first = ModelArchive.pack(source);
    Files.setLastModifiedTime(
        source.resolve(ModelCard.FILE_NAME),
        java.nio.file.attribute.FileTime.fromMillis(1_000_000L));

    assertThat(ModelArchive.pack(source)).isEqualTo(first);
    assertThat(ModelArchive.card(first).featureSpec()).isEqualTo(SPEC);
  }

  @Test
  void refusesADirectoryWithAnInvalidCard() throws IOException {
    Path source = tmp.resolve("source");
    TinyModelFactory.export(source, SPEC);
    Path cardFile = source.resolve(ModelCard.FILE_NAME);
    Files.writeString(
        cardFile,
        Files.readString(cardFile).replace("\"window_length\" : 5", "\"window_length\" : 0"));

    assertThatThrownBy(() -> ModelArchive.pack(source))
        .isInstanceOf(ModelCardException.class)
        .hasMessageContaining("features");
  }

  @Test
  void refusesAnArchiveWithAnInvalidOrMissingCard() throws IOException {
    byte[] badCard = zip("model-card.json", "{\"card_version\": 1}");
    assertThatThrownBy(() -> ModelArchive.unpack(badCard, tmp.resolve("a")))
        .isInstanceOf(ModelCardException.class)
        .hasMessageContaining("model_version");
    assertThatThrownBy(() -> ModelArchive.card(badCard)).isInstanceOf(ModelCardException.class);

    byte[] noCard = zip("saved_model.pb", "x");
    assertThatThrownBy(() -> ModelArchive.card(noCard))
        .isInstanceOf(ModelCardException.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> ModelArchive.unpack(noCard, tmp.resolve("b")))
        .isInstanceOf(ModelCardException.class);
  }

  @Test
  void refusesEntriesThatLeaveTheTargetAndBytesThatAreNoArchive() throws IOException {
    byte[] escaping = zip("../outside.txt", "x");
    assertThatThrownBy(() -> ModelArchive.unpack(escaping, tmp.resolve("t")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leaves the target directory");
    assertThat(tmp.resolve("outside.txt")).doesNotExist();

    byte[] garbage = "not a zip".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ModelArchive.unpack(garbage, tmp.resolve("g")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a model archive");
  }

  private static byte[] zip(String name, String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static List<String> relativeFiles(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    }
  }
}
