package io.socstream.streams.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders {@code soc-stream.example.properties}: every declared setting with its documentation as
 * comments and its default as the value, by group. ASCII only: {@code Properties.load} reads
 * ISO-8859-1.
 */
final class ExampleProperties {

  private static final int WIDTH = 100;
  private static final Pattern NEWLINE = Pattern.compile("\n");
  private static final Pattern BLANKS = Pattern.compile("\\s+");

  /** The non-ASCII the declarations use, spelled out. */
  private static final Map<String, String> ASCII =
      Map.of("°C", "degrees Celsius", "µs", "us", "→", "->", "≥", ">=");

  private ExampleProperties() {}

  static String render(SettingsCatalog catalog) {
    StringBuilder out = new StringBuilder();
    comment(
        out,
        "soc-stream: example configuration of the Kafka Streams SOC estimator. Generated from the"
            + " settings declared in SocStreamsConfig (SettingsDocs): do not edit by hand;"
            + " regenerate from the repository root with:");
    out.append("#   ").append(SettingsDocs.REGENERATE).append('\n');
    comment(
        out,
        "Every setting below shows its default. Each one can be overridden by an environment"
            + " variable: the key upper-cased, dots and dashes as underscores (soc.batch.size ->"
            + " SOC_BATCH_SIZE). ${user.home} is replaced by the user's home directory. A bad value"
            + " stops start-up with one line naming the setting.");
    for (String group : catalog.groups()) {
      out.append('\n');
      heading(out, group);
      comment(out, catalog.groupIntro(group));
      for (SettingsCatalog.Setting setting : catalog.settings()) {
        if (setting.group().equals(group)) {
          out.append('\n');
          setting(out, setting);
        }
      }
    }
    out.append('\n');
    heading(out, "Kafka Streams pass-through (kafka.*)");
    comment(
        out,
        "Anything else Kafka Streams or its clients understand, prefixed with kafka. (handed"
            + " over without the prefix; not from environment variables). kafka.application.id and"
            + " kafka.bootstrap.servers are refused: use soc.application.id and"
            + " soc.bootstrap.servers. For example:");
    for (String example :
        List.of(
            "kafka.commit.interval.ms=100",
            "kafka.replication.factor=3",
            "kafka.security.protocol=SASL_SSL",
            "kafka.application.server=soc-stream-0:8080")) {
      out.append("# ").append(example).append('\n');
    }
    return requireAscii(out.toString());
  }

  private static void setting(StringBuilder out, SettingsCatalog.Setting setting) {
    comment(out, setting.doc());
    StringBuilder facts = new StringBuilder();
    if (!setting.unit().isEmpty()) {
      facts.append("Unit: ").append(setting.unit()).append(". ");
    }
    facts.append("Valid: ").append(setting.validValues()).append(". ");
    facts
        .append("Importance: ")
        .append(setting.importance().toString().toLowerCase(Locale.ROOT))
        .append('.');
    comment(out, facts.toString());
    out.append(setting.name()).append('=').append(escape(setting.defaultText())).append('\n');
  }

  private static void heading(StringBuilder out, String title) {
    StringBuilder line = new StringBuilder("# --- ").append(title).append(' ');
    while (line.length() < WIDTH) {
      line.append('-');
    }
    out.append(line).append('\n');
  }

  /** {@code text} as comment lines of at most {@link #WIDTH} characters, paragraph by paragraph. */
  private static void comment(StringBuilder out, String text) {
    for (String line : wrap(plain(text), WIDTH - 2)) {
      out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
  }

  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : NEWLINE.split(text)) {
      StringBuilder line = new StringBuilder();
      for (String word : BLANKS.split(paragraph.trim())) {
        if (word.isEmpty()) {
          continue;
        }
        if (line.length() > 0 && line.length() + 1 + word.length() > width) {
          lines.add(line.toString());
          line.setLength(0);
        }
        if (line.length() > 0) {
          line.append(' ');
        }
        line.append(word);
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\");
  }

  /** {@code text} without Markdown's code quotes, its non-ASCII spelled out. */
  private static String plain(String text) {
    String result = text.replace("`", "");
    for (Map.Entry<String, String> e : ASCII.entrySet()) {
      result = result.replace(e.getKey(), e.getValue());
    }
    return result;
  }

  private static String requireAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 127) {
        throw new IllegalStateException(
            "Non-ASCII '" + text.charAt(i) + "' in a setting's documentation: spell it out");
      }
    }
    return text;
  }
}
