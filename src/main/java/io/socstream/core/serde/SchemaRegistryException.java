package io.socstream.core.serde;

/**
 * The schema registry refused a request, answered with an error, or could not be reached. The
 * message always names the URL; HTTP failures also carry the status and the registry's own error
 * code.
 */
public class SchemaRegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Marks {@link #httpStatus()} and {@link #errorCode()} when the failure was not an answer. */
  public static final int NONE = -1;

  private final String url;
  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(String message, String url, Throwable cause) {
    this(message, url, NONE, NONE, cause);
  }

  public SchemaRegistryException(
      String message, String url, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.url = url;
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** The URL of the failed request (or the registry's URL). */
  public String url() {
    return url;
  }

  /** The HTTP status the registry answered with, or {@link #NONE}. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The registry's {@code error_code} (e.g. 40403 = schema not found), or {@link #NONE}. */
  public int errorCode() {
    return errorCode;
  }
}
