package io.socstream.streams.config;

/** A setting has a value the engine cannot use; the message names the setting and the value. */
public final class InvalidSettingException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String key;

  public InvalidSettingException(String key, String value, String why) {
    super("Invalid value '" + value + "' for setting '" + key + "': " + why);
    this.key = key;
  }

  /** The setting's key, e.g. {@code soc.batch.size}. */
  public String key() {
    return key;
  }
}
