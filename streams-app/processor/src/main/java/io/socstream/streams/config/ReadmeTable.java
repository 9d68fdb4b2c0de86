package io.socstream.streams.config;

import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The README's short configuration table: the settings of high and medium importance with default,
 * unit and the first sentence of their documentation, pointing to {@code CONFIGURATION.md} for the
 * rest. It lives between {@link #START} and {@link #END} in the README; {@link SettingsDocs}
 * rewrites what is between them and {@code SettingsDocsTest} checks it is fresh.
 */
final class ReadmeTable {

  static final String START =
      "<!-- settings table: generated from SocStreamsConfig by SettingsDocs, do not edit -->";
  static final String END = "<!-- end of settings table -->";

  private ReadmeTable() {}

  static String render(SettingsCatalog catalog, String linkToMarkdown) {
    StringBuilder out = new StringBuilder();
    out.append("| Setting | Default | Unit | Meaning |\n|---|---|---|---|\n");
    int shown = 0;
    for (SettingsCatalog.Setting setting : catalog.settings()) {
      if (setting.importance() == ConfigDef.Importance.LOW) {
        continue;
      }
      shown++;
      out.append("| `")
          .append(setting.name())
          .append("` | ")
          .append(setting.defaultText().isEmpty() ? "empty" : "`" + setting.defaultText() + "`")
          .append(" | ")
          .append(setting.unit())
          .append(" | ")
          .append(firstSentence(setting.doc()).replace("|", "\\|"))
          .append(" |\n");
    }
    out.append("\nThese are ")
        .append(shown)
        .append(" of the ")
        .append(catalog.settings().size())
        .append(" settings; every one with its unit, valid values and environment variable: [")
        .append(linkToMarkdown)
        .append("](")
        .append(linkToMarkdown)
        .append(").\n");
    return out.toString();
  }

  /** {@code readme} with {@code table} between the markers; empty when it has no markers. */
  static Optional<String> refresh(String readme, String table) {
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    if (start < 0 || end < start) {
      return Optional.empty();
    }
    return Optional.of(
        readme.substring(0, start + START.length()) + "\n" + table + readme.substring(end));
  }

  /** Up to the first full stop that ends a sentence (not the one of "e.g." or "i.e."). */
  static String firstSentence(String doc) {
    int from = 0;
    while (true) {
      int stop = doc.indexOf(". ", from);
      if (stop < 0) {
        return doc;
      }
      if (!doc.startsWith("e.g", stop - 3) && !doc.startsWith("i.e", stop - 3)) {
        return doc.substring(0, stop + 1);
      }
      from = stop + 2;
    }
  }
}
