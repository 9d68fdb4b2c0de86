package io.socstream.streams.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generates, from the settings declared in {@link SocStreamsConfig#SETTINGS}, the shipped example
 * properties ({@link #EXAMPLE_PROPERTIES}) and the Markdown reference ({@link #MARKDOWN}), both
 * committed. {@code SettingsDocsTest} fails when a committed file differs from what this generates;
 * {@link #REGENERATE} rewrites them. Usage: {@code SettingsDocs [repository-root]} (default: the
 * working directory).
 */
public final class SettingsDocs {

  /** The example properties, relative to the repository root (also a class-path resource). */
  public static final String EXAMPLE_PROPERTIES =
      "streams-app/processor/src/main/resources/soc-stream.example.properties";

  /** The Markdown reference with the configuration table, relative to the repository root. */
  public static final String MARKDOWN = "streams-app/CONFIGURATION.md";

  /** Run from the repository root; rewrites both generated files. */
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

  /** Writes every generated file under {@code repositoryRoot}. */
  public static void write(Path repositoryRoot) throws IOException {
    for (Map.Entry<String, String> file : render().entrySet()) {
      Path target = repositoryRoot.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
    }
  }

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    write(root);
    System.out.println("Wrote " + render().keySet() + " under " + root.toAbsolutePath());
  }
}
