package io.socstream.export.data;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ambient temperature from a data set folder name: {@code 25degC} → 25, {@code n20degC} → −20. */
public final class TemperatureFolder {

  private static final Pattern NAME = Pattern.compile("(n?)(\\d+)degC");

  private TemperatureFolder() {}

  /** The folder's ambient temperature in °C, or empty when the name is not {@code [n]<int>degC}. */
  public static OptionalInt parse(String folderName) {
    Matcher m = NAME.matcher(folderName);
    if (!m.matches()) {
      return OptionalInt.empty();
    }
    int degrees = Integer.parseInt(m.group(2));
    return OptionalInt.of(m.group(1).isEmpty() ? degrees : -degrees);
  }

  /** The folder name of a temperature: the inverse of {@link #parse}. */
  public static String nameOf(int temperatureC) {
    return (temperatureC < 0 ? "n" + -temperatureC : Integer.toString(temperatureC)) + "degC";
  }
}
