package io.socstream.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.socstream.streams.testing.GoldenFiles;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The committed example properties and {@code CONFIGURATION.md} are what {@link SettingsDocs}
 * generates from the declared settings now, so the docs cannot drift from the code.
 *
 * <p>To accept a change, regenerate from the repository root with {@link SettingsDocs#REGENERATE}
 * ({@code -Dsoc.updateGolden=true} makes this test write the files instead of comparing).
 */
class SettingsDocsTest {

  @Test
  void committedFilesAreWhatTheDeclarationsGenerate() throws IOException {
    Path root = GoldenFiles.repositoryRoot();
    if (GoldenFiles.UPDATE) {
      SettingsDocs.write(root);
    }
    List<String> stale = GoldenFiles.stale(root, SettingsDocs.render());
    String readme = Files.readString(root.resolve(SettingsDocs.README), StandardCharsets.UTF_8);
    Optional<String> refreshed = SettingsDocs.refreshReadme(readme);
    if (refreshed.isPresent() && !refreshed.get().equals(readme)) {
      stale.add(SettingsDocs.README + " (its settings table)");
    }
    if (!stale.isEmpty()) {
      fail(
          "%s differ from what the settings declared in SocStreamsConfig generate. Regenerate"
              + " from the repository root and commit the result:%n  %s",
          stale, SettingsDocs.REGENERATE);
    }
  }

  @Test
  void theExampleParsesToEveryDefaultAndTheEngineAcceptsIt() throws IOException {
    String example = SettingsDocs.render().get(SettingsDocs.EXAMPLE_PROPERTIES);
    Properties properties = new Properties();
    properties.load(new StringReader(example));
    assertThat(properties.stringPropertyNames())
        .containsExactlyInAnyOrderElementsOf(SocStreamsConfig.defaultValues().keySet());
    SocStreamsConfig.defaultValues()
        .forEach((key, value) -> assertThat(properties.getProperty(key)).as(key).isEqualTo(value));
    assertThat(example.chars().allMatch(c -> c < 128)).as("ASCII only").isTrue();
    assertThat(example.lines().filter(l -> l.length() > 100 && !l.contains("./mvnw")))
        .as("lines over 100 characters")
        .isEmpty();
    Path file = Files.createTempFile("soc-example", ".properties");
    try {
      Files.writeString(file, example, StandardCharsets.ISO_8859_1);
      assertThat(SocStreamsConfig.load(file, Map.of()).toString())
          .isEqualTo(SocStreamsConfig.defaultsOnly().toString());
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void theTableHasOneRowPerSettingWithItsDefaultUnitAndEnvironmentVariable() {
    String markdown = SettingsDocs.render().get(SettingsDocs.MARKDOWN);
    for (SettingsCatalog.Setting setting : SocStreamsConfig.SETTINGS.settings()) {
      List<String> rows =
          markdown.lines().filter(l -> l.startsWith("| `" + setting.name() + "`<br>")).toList();
      assertThat(rows).as(setting.name()).hasSize(1);
      String row = rows.get(0);
      assertThat(row).contains("`" + SocStreamsConfig.environmentName(setting.name()) + "`");
      assertThat(Pattern.compile("(?<!\\\\)\\|").split(row, -1)).as("cells of " + row).hasSize(8);
      if (!setting.defaultText().isEmpty()) {
        assertThat(row).contains("| `" + setting.defaultText() + "` |");
      }
      assertThat(row).contains("| " + setting.unit() + " |");
    }
    assertThat(markdown)
        .contains("| `soc.linger.ms`<br>`SOC_LINGER_MS` | `50` | ms (wall clock) |");
    Matcher link = Pattern.compile("\\]\\(([^)]*example\\.properties)\\)").matcher(markdown);
    assertThat(link.find()).as("a link to the example properties").isTrue();
    Path linked =
        GoldenFiles.repositoryRoot()
            .resolve(SettingsDocs.MARKDOWN)
            .getParent()
            .resolve(link.group(1));
    assertThat(linked.normalize())
        .isEqualTo(GoldenFiles.repositoryRoot().resolve(SettingsDocs.EXAMPLE_PROPERTIES));
    assertThat(markdown).contains(SettingsDocs.REGENERATE).contains("`kafka.*`");
  }

  @Test
  void theReadmeTableGoesBetweenItsMarkersAndNowhereElse() {
    String table = SettingsDocs.readmeTable();
    String readme =
        "# soc-stream\n\n## Configuration\n\nIntro.\n\n"
            + ReadmeTable.START
            + "\nold table\n"
            + ReadmeTable.END
            + "\n\n## Operations\n";
    String refreshed = SettingsDocs.refreshReadme(readme).orElseThrow();
    assertThat(refreshed)
        .startsWith("# soc-stream\n\n## Configuration\n\nIntro.\n\n" + ReadmeTable.START + "\n")
        .contains(table)
        .doesNotContain("old table")
        .endsWith(ReadmeTable.END + "\n\n## Operations\n");
    assertThat(SettingsDocs.refreshReadme(refreshed)).contains(refreshed);
    assertThat(SettingsDocs.refreshReadme("# no markers\n")).isEmpty();
    // High and medium importance only, and a pointer to the full reference.
    assertThat(table)
        .contains("| `soc.bootstrap.servers` | `localhost:9092` |  | Kafka bootstrap servers")
        .contains("| `soc.linger.ms` | `50` | ms (wall clock) | L: how long a window may wait")
        .doesNotContain("soc.repartition.enabled")
        .contains("](" + SettingsDocs.MARKDOWN + ")");
    assertThat(ReadmeTable.firstSentence("Horizons (e.g. `500`); empty. More."))
        .isEqualTo("Horizons (e.g. `500`); empty.");
  }

  @Test
  void kafkasOwnDocGeneratorsSeeEverySettingWithItsUnit() {
    String rst = SocStreamsConfig.configDef().toRst();
    for (String name : SocStreamsConfig.defaultValues().keySet()) {
      assertThat(rst).contains("``" + name + "``");
    }
    assertThat(rst).contains("Unit: ms (wall clock).").contains("Valid Values: [1,...,4096]");
    assertThat(SocStreamsConfig.configDef().toHtml()).contains("soc.batch.size");
  }
}
