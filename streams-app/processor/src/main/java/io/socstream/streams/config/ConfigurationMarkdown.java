package io.socstream.streams.config;

import java.util.Locale;

/**
 * Renders {@code CONFIGURATION.md}: how settings are read, then one table per group (setting and
 * its environment variable, default, unit, valid values, importance, description), then the {@code
 * kafka.*} pass-through.
 */
final class ConfigurationMarkdown {

  private ConfigurationMarkdown() {}

  static String render(SettingsCatalog catalog, String linkToExample) {
    StringBuilder out = new StringBuilder();
    out.append("# Configuration\n\n");
    out.append("<!-- Generated from the settings declared in SocStreamsConfig (SettingsDocs): do")
        .append(" not edit by hand. Regenerate from the repository root with:\n")
        .append("     ")
        .append(SettingsDocs.REGENERATE)
        .append(" -->\n\n");
    out.append(
            "`./soc run --config FILE` reads a Java properties file. Sources, later ones win: the"
                + " defaults below, the file, then environment variables: each key's variable is"
                + " the key upper-cased with dots and dashes as underscores (`soc.batch.size` →"
                + " `SOC_BATCH_SIZE`). `${user.home}` in a value is replaced by the user's home"
                + " directory. Every setting with its default and documentation is also in [`")
        .append(linkToExample.substring(linkToExample.lastIndexOf('/') + 1))
        .append("`](")
        .append(linkToExample)
        .append(").\n\n");
    out.append(
        "A bad setting stops start-up with one line naming it, e.g. `soc run: Invalid value '0'"
            + " for setting 'soc.batch.size': Value must be at least 1`; so does an unknown"
            + " `soc.*` key.\n");
    for (String group : catalog.groups()) {
      out.append("\n## ").append(group).append("\n\n");
      out.append(catalog.groupIntro(group).replace("\n", "\n\n")).append("\n\n");
      out.append("| Setting (environment variable) | Default | Unit | Valid values | Importance |")
          .append(" Description |\n");
      out.append("|---|---|---|---|---|---|\n");
      for (SettingsCatalog.Setting setting : catalog.settings()) {
        if (setting.group().equals(group)) {
          row(out, setting);
        }
      }
    }
    out.append("\n## Kafka Streams pass-through (`kafka.*`)\n\n");
    out.append(
        "Any other key starting with `kafka.` goes, without the prefix, to Kafka Streams and its"
            + " clients as it is, e.g. `kafka.commit.interval.ms=100`, `kafka.replication.factor=3`"
            + " (internal topics), `kafka.security.protocol=SASL_SSL`,"
            + " `kafka.application.server=host:port` (lets `/batteries/{id}/soc` forward to the"
            + " instance that owns the battery). `kafka.*` keys come from the file only, not from"
            + " environment variables; their values are never logged (they may hold credentials)."
            + " `kafka.application.id` and `kafka.bootstrap.servers` are refused: use"
            + " `soc.application.id` and `soc.bootstrap.servers`.\n");
    return out.toString();
  }

  private static void row(StringBuilder out, SettingsCatalog.Setting setting) {
    out.append("| `")
        .append(setting.name())
        .append("`<br>`")
        .append(SettingsResolver.environmentName(setting.name()))
        .append("` | ")
        .append(setting.defaultText().isEmpty() ? "empty" : code(setting.defaultText()))
        .append(" | ")
        .append(cell(setting.unit()))
        .append(" | ")
        .append(cell(setting.validValues()))
        .append(" | ")
        .append(setting.importance().toString().toLowerCase(Locale.ROOT))
        .append(" | ")
        .append(cell(setting.doc()))
        .append(" |\n");
  }

  private static String code(String text) {
    return "`" + cell(text) + "`";
  }

  /** {@code text} safe inside a table cell: no pipes, no line breaks. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
