package io.socstream.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped model is found from soc.home first, else upward from the working directory. */
class ShippedModelTest {

  @TempDir Path home;

  private final String before = System.getProperty(ShippedModel.HOME_PROPERTY);

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(ShippedModel.HOME_PROPERTY);
    } else {
      System.setProperty(ShippedModel.HOME_PROPERTY, before);
    }
  }

  @Test
  void socHomeWins() throws Exception {
    Path model = home.resolve(ShippedModel.RELATIVE_PATH);
    Files.createDirectories(model);
    Files.writeString(model.resolve(ModelCard.FILE_NAME), "{}");
    System.setProperty(ShippedModel.HOME_PROPERTY, home.toString());

    assertThat(ShippedModel.find()).contains(model.toAbsolutePath().normalize());
    assertThat(ShippedModel.searchedFrom().get(0)).isEqualTo(home.toAbsolutePath().normalize());
  }

  @Test
  void withoutSocHomeTheRepositorysModelIsFoundUpwardFromTheWorkingDirectory() {
    System.clearProperty(ShippedModel.HOME_PROPERTY);
    // The tests run inside the repository, which ships model-export/model.
    assertThat(ShippedModel.find())
        .hasValueSatisfying(
            dir -> {
              assertThat(dir.endsWith(Path.of("model-export", "model"))).isTrue();
              assertThat(dir.resolve(ModelCard.FILE_NAME)).isRegularFile();
            });
  }

  @Test
  void aHomeWithoutAModelIsSkippedAndNamedInTheMessage() {
    System.setProperty(ShippedModel.HOME_PROPERTY, home.toString());
    assertThat(ShippedModel.find()).isPresent(); // still found from the working directory
    assertThat(ShippedModel.notFound())
        .startsWith("no shipped model found (model-export/model/model-card.json looked for")
        .contains(home.toString());
  }

  @Test
  void resolveTakesTheGivenModelOrElseTheShippedOne() throws Exception {
    Path model = home.resolve("mine");
    Files.createDirectories(model);
    Files.writeString(model.resolve(ModelCard.FILE_NAME), "{}");

    assertThat(ShippedModel.resolve(model, "pass --model DIR"))
        .isEqualTo(model.toAbsolutePath().normalize());
    assertThat(ShippedModel.resolve(null, "pass --model DIR")).isEqualTo(ShippedModel.find().get());
  }

  @Test
  void resolveRefusesADirectoryWithoutAModelCardInOneLineWithTheHint() {
    assertThatThrownBy(() -> ShippedModel.resolve(home, "pass --model DIR"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "No model in "
                + home.toAbsolutePath().normalize()
                + ": not a model directory (no model-card.json); pass --model DIR");
  }
}
