package io.socstream.streams.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Every setting declared once: a Kafka {@link ConfigDef} (name, type, default, validator,
 * importance, documentation, group) plus what {@code ConfigDef} has no field for, the unit, the
 * default as a user writes it, and an introduction per group. The engine parses with the {@code
 * ConfigDef}; {@link SettingsDocs} generates the example properties and {@code CONFIGURATION.md}
 * from the same declarations.
 */
public final class SettingsCatalog {

  /**
   * One declared setting.
   *
   * @param defaultText the default as written in a properties file; empty = not set
   * @param unit e.g. {@code ms}, {@code V}, {@code count}; empty for text, switches and names
   * @param doc what the setting does, without the unit
   */
  public record Setting(
      String name,
      ConfigDef.Type type,
      String defaultText,
      ConfigDef.Validator validator,
      ConfigDef.Importance importance,
      String unit,
      String doc,
      String group) {

    /** The "valid values" text: the validator's description, or the type's. */
    public String validValues() {
      if (validator != null) {
        return validator.toString();
      }
      return switch (type) {
        case BOOLEAN -> "true or false";
        case STRING, PASSWORD -> "any text";
        default -> type.toString().toLowerCase(java.util.Locale.ROOT);
      };
    }
  }

  private final ConfigDef configDef = new ConfigDef();
  private final Map<String, Setting> settings = new LinkedHashMap<>();
  private final Map<String, String> groupIntros = new LinkedHashMap<>();
  private String group = "General";
  private int orderInGroup;

  /** Settings declared from now on belong to {@code name}, introduced by {@code intro}. */
  SettingsCatalog group(String name, String intro) {
    if (groupIntros.containsKey(name)) {
      throw new IllegalArgumentException("Group declared twice: " + name);
    }
    group = name;
    orderInGroup = 0;
    groupIntros.put(name, intro);
    return this;
  }

  /**
   * Declares a setting. A numeric setting whose {@code defaultText} is empty is optional: its value
   * is null until set, and {@code validator} must accept null ({@link SettingValidators#optional}).
   */
  SettingsCatalog define(
      String name,
      ConfigDef.Type type,
      String defaultText,
      ConfigDef.Validator validator,
      ConfigDef.Importance importance,
      String unit,
      String doc) {
    Setting setting = new Setting(name, type, defaultText, validator, importance, unit, doc, group);
    if (settings.putIfAbsent(name, setting) != null) {
      throw new IllegalArgumentException("Setting declared twice: " + name);
    }
    Object defaultValue = isOptional(setting) ? null : defaultText;
    String documentation = unit.isEmpty() ? doc : doc + " Unit: " + unit + ".";
    configDef.define(
        name,
        type,
        defaultValue,
        validator,
        importance,
        documentation,
        group,
        ++orderInGroup,
        ConfigDef.Width.MEDIUM,
        name);
    return this;
  }

  /** Whether {@code setting} has no value until set (a number with an empty default). */
  static boolean isOptional(Setting setting) {
    return setting.defaultText().isEmpty()
        && switch (setting.type()) {
          case INT, LONG, SHORT, DOUBLE -> true;
          default -> false;
        };
  }

  /** A copy of the Kafka {@link ConfigDef} (for {@code toRst()}, {@code toHtml()}, parsing). */
  public ConfigDef configDef() {
    return new ConfigDef(configDef);
  }

  /** The declared settings in documentation order (by group, then as declared). */
  public List<Setting> settings() {
    return List.copyOf(settings.values());
  }

  /** The declared setting {@code name}, or null. */
  public Setting setting(String name) {
    return settings.get(name);
  }

  /** Every declared name, in documentation order. */
  public Set<String> names() {
    return Collections.unmodifiableSet(settings.keySet());
  }

  /** The group names in order. */
  public List<String> groups() {
    return new ArrayList<>(groupIntros.keySet());
  }

  /** The introduction of {@code group} (paragraphs separated by blank lines). */
  public String groupIntro(String group) {
    return groupIntros.get(group);
  }
}
