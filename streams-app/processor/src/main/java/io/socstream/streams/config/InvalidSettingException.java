package io.socstream.streams.config;

/** A setting has a value the engine cannot use; the message names the setting and the value. */
public final class InvalidSettingException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String key;

  public InvalidSettingException(String key, String value, String why) {
    this(key, "Invalid value '" + value + "' for setting '" + key + "': " + why);
  }

  private InvalidSettingException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The same problem, saying where the value came from, e.g. {@code environment variable X}. */
  InvalidSettingException from(String source) {
    InvalidSettingException withSource =
        new InvalidSettingException(key, getMessage() + " (from " + source + ")");
    withSource.setStackTrace(getStackTrace());
    return withSource;
  }

  /** The setting's key, e.g. {@code soc.batch.size}. */
  public String key() {
    return key;
  }
}
