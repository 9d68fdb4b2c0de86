package io.socstream.streams.config;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Resolves the settings' values from their sources and parses them with the catalog's {@link
 * ConfigDef} types and validators. Sources, later ones win: the declared defaults, explicit values
 * (a properties file or a map), then environment variables. A value the engine cannot use fails
 * here with an {@link InvalidSettingException} naming the setting, before anything starts.
 */
final class SettingsResolver {

  /** Prefix of settings handed to Kafka Streams as they are, without the prefix. */
  static final String KAFKA_PREFIX = "kafka.";

  /**
   * The resolved values.
   *
   * @param text every declared setting's value as text, defaults included
   * @param parsed the same, parsed to the declared types (null = an optional setting not set)
   * @param kafka the {@code kafka.*} settings without the prefix
   */
  record Resolved(
      Map<String, String> text, Map<String, Object> parsed, Map<String, String> kafka) {}

  private SettingsResolver() {}

  /**
   * The environment variable that overrides {@code key}: {@code soc.batch.size → SOC_BATCH_SIZE}.
   */
  static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  static Resolved resolve(
      SettingsCatalog catalog, Map<String, String> explicit, Map<String, String> environment) {
    Map<String, String> text = new LinkedHashMap<>();
    for (SettingsCatalog.Setting setting : catalog.settings()) {
      text.put(setting.name(), setting.defaultText());
    }
    Map<String, String> kafka = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : explicit.entrySet()) {
      String key = e.getKey().trim();
      if (key.startsWith(KAFKA_PREFIX)) {
        kafka.put(key.substring(KAFKA_PREFIX.length()), e.getValue().trim());
      } else if (text.containsKey(key)) {
        text.put(key, e.getValue().trim());
      } else {
        throw new InvalidSettingException(key, e.getValue(), unknown(key, catalog));
      }
    }
    Set<String> fromEnvironment = new HashSet<>();
    for (String key : catalog.names()) {
      String fromEnv = environment.get(environmentName(key));
      if (fromEnv != null) {
        text.put(key, fromEnv.trim());
        fromEnvironment.add(key);
      }
    }
    String home = System.getProperty("user.home");
    text.replaceAll((k, v) -> v.replace("${user.home}", home));
    Map<String, Object> parsed = new LinkedHashMap<>();
    for (SettingsCatalog.Setting setting : catalog.settings()) {
      String name = setting.name();
      try {
        parsed.put(name, parse(setting, text.get(name)));
      } catch (InvalidSettingException e) {
        // A value from the environment is easy to miss when reading the file: say so.
        throw fromEnvironment.contains(name)
            ? e.from("environment variable " + environmentName(name))
            : e;
      }
    }
    return new Resolved(text, parsed, kafka);
  }

  /** Why {@code key} is refused, with the declared name it most likely misspells. */
  private static String unknown(String key, SettingsCatalog catalog) {
    String closest = null;
    int best = Integer.MAX_VALUE;
    for (String name : catalog.names()) {
      int distance = editDistance(key, name);
      if (distance < best) {
        best = distance;
        closest = name;
      }
    }
    String hint = closest != null && best <= 3 ? "did you mean " + closest + "? " : "";
    return "unknown setting; "
        + hint
        + "every setting is in "
        + SettingsDocs.MARKDOWN
        + ", other Kafka settings take the prefix "
        + KAFKA_PREFIX;
  }

  /** Levenshtein distance: insertions, deletions and substitutions from {@code a} to {@code b}. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** {@code raw} as {@code setting}'s type, checked by its validator. */
  static Object parse(SettingsCatalog.Setting setting, String raw) {
    String shown = setting.type() == ConfigDef.Type.PASSWORD ? "<hidden>" : raw;
    Object value;
    if (raw.isEmpty() && SettingsCatalog.isOptional(setting)) {
      value = null;
    } else {
      try {
        value = ConfigDef.parseType(setting.name(), raw, setting.type());
      } catch (ConfigException e) {
        throw new InvalidSettingException(setting.name(), shown, typeProblem(setting.type()));
      }
    }
    if (setting.validator() != null) {
      try {
        setting.validator().ensureValid(setting.name(), value);
      } catch (ConfigException e) {
        throw new InvalidSettingException(setting.name(), shown, reason(e, setting.name()));
      }
    }
    return value;
  }

  private static String typeProblem(ConfigDef.Type type) {
    return switch (type) {
      case INT, LONG, SHORT -> "not a whole number";
      case DOUBLE -> "not a number";
      case BOOLEAN -> "expected true or false";
      case LIST -> "expected a comma-separated list";
      default -> "not a valid " + type.toString().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * The validator's reason without the "Invalid value X for configuration Y: " that {@link
   * ConfigException} puts in front (the exception restates both its own way).
   */
  private static String reason(ConfigException e, String key) {
    String message = e.getMessage() == null ? "invalid" : e.getMessage();
    String marker = " for configuration " + key + ": ";
    int at = message.indexOf(marker);
    return at < 0 ? message : message.substring(at + marker.length());
  }
}
