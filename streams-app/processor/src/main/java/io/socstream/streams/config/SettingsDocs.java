package io.socstream.streams.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Generates, from the settings declared in {@link SocStreamsConfig#SETTINGS}, the shipped example
 * properties ({@link #EXAMPLE_PROPERTIES}) and the Markdown reference ({@link #MARKDOWN}), both
 * committed, and the README's short table between its {@link ReadmeTable} markers (where it has
 * them). {@code SettingsDocsTest} fails when a committed file differs from what this generates;
 * {@link #REGENERATE} rewrites them. Usage: {@code SettingsDocs [repository-root]} (default: the
 * working directory).
 */
public final class SettingsDocs {

  /** The example properties, relative to the repository root (also a class-path resource). */
  public static final String EXAMPLE_PROPERTIES =
      "streams-app/processor/src/main/resources/soc-stream.example.properties";

  /** The Markdown reference with the configuration table, relative to the repository root. */
  public static final String MARKDOWN = "streams-app/CONFIGURATION.md";

  /** The README, relative to the repository root: its short table is generated. */
  public static final String README = "README.md";

  /** Run from the repository root; rewrites the generated files and the README's table. */
  public static final String REGENERATE =
      "./mvnw -q -pl streams-app/processor -am test -Dtest=SettingsDocsTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dsoc.updateGolden=true";

  private SettingsDocs() {}

  /** Path relative to the repository root → content of every generated file. */
  public static Map<String, String> render() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(EXAMPLE_PROPERTIES, ExampleProperties.render(SocStreamsConfig.SETTINGS));
    String linkToExample =
        Path.of(MARKDOWN).getParent().relativize(Path.of(EXAMPLE_PROPERTIES)).toString();
    files.put(MARKDOWN, ConfigurationMarkdown.render(SocStreamsConfig.SETTINGS, linkToExample));
    return files;
  }

  /** The README's short table (between the markers). */
  public static String readmeTable() {
    return ReadmeTable.render(SocStreamsConfig.SETTINGS, MARKDOWN);
  }

  /** {@code readme} with a fresh short table between its markers; empty when it has none. */
  public static Optional<String> refreshReadme(String readme) {
    return ReadmeTable.refresh(readme, readmeTable());
  }

  /** Writes every generated file under {@code repositoryRoot}, and the README's table. */
  public static void write(Path repositoryRoot) throws IOException {
    for (Map.Entry<String, String> file : render().entrySet()) {
      Path target = repositoryRoot.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
    }
    Path readme = repositoryRoot.resolve(README);
    if (Files.exists(readme)) {
      Optional<String> refreshed = refreshReadme(Files.readString(readme, StandardCharsets.UTF_8));
      if (refreshed.isPresent()) {
        Files.writeString(readme, refreshed.get(), StandardCharsets.UTF_8);
      }
    }
  }

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    write(root);
    System.out.println("Wrote " + render().keySet() + " under " + root.toAbsolutePath());
  }
}
