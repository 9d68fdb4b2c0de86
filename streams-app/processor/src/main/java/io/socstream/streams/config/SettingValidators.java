package io.socstream.streams.config;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The {@link ConfigDef.Validator}s Kafka does not ship that the soc.* settings need. Each one's
 * {@code toString()} is the "valid values" text of the generated docs, so it says in words what
 * passes.
 */
final class SettingValidators {

  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private SettingValidators() {}

  /** A legal Kafka topic name. */
  static ConfigDef.Validator topicName() {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          String topic = (String) value;
          if (topic == null
              || !TOPIC.matcher(topic).matches()
              || topic.equals(".")
              || topic.equals("..")) {
            throw new ConfigException(name, value, "not a legal Kafka topic name");
          }
        },
        () -> "topic name: 1 to 249 letters, digits, '.', '_' or '-'");
  }

  /** A finite number (not NaN or infinite), within {@code range} when that is not null. */
  static ConfigDef.Validator finite(ConfigDef.Range range) {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          if (value == null || !Double.isFinite(((Number) value).doubleValue())) {
            throw new ConfigException(name, value, "not a finite number");
          }
          if (range != null) {
            range.ensureValid(name, value);
          }
        },
        () -> range == null ? "finite number" : range.toString());
  }

  /** {@code validator}'s values, or null: the setting is not set (empty). */
  static ConfigDef.Validator optional(ConfigDef.Validator validator) {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          if (value != null) {
            validator.ensureValid(name, value);
          }
        },
        () -> "empty or " + validator);
  }

  /** Empty, or the whole value matches {@code pattern}; {@code description} says what that is. */
  static ConfigDef.Validator emptyOrMatching(Pattern pattern, String description) {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          String text = value instanceof Password p ? p.value() : (String) value;
          if (text != null && !text.isEmpty() && !pattern.matcher(text).matches()) {
            // Kafka hides a password's value in the message (Password.toString is [hidden]).
            throw new ConfigException(name, value, "expected " + description + " or empty");
          }
        },
        () -> "empty or " + description);
  }

  /** A comma-separated list of whole numbers, each positive and larger than the one before. */
  static ConfigDef.Validator increasingPositiveIntegers() {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          long previous = 0;
          for (Object item : (List<?>) value) {
            long number;
            try {
              number = Integer.parseInt(item.toString().trim());
            } catch (NumberFormatException e) {
              throw new ConfigException(name, value, "expected whole numbers, comma-separated");
            }
            if (number <= previous) {
              throw new ConfigException(
                  name, value, "values must be positive and strictly increasing");
            }
            previous = number;
          }
        },
        () -> "empty or increasing positive whole numbers, comma-separated");
  }
}
