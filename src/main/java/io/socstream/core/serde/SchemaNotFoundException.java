package io.socstream.core.serde;

/** The registry answered, and it has no such schema, id or subject (HTTP 404). */
public class SchemaNotFoundException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  public SchemaNotFoundException(String message, String url, int httpStatus, int errorCode) {
    super(message, url, httpStatus, errorCode, null);
  }

  public SchemaNotFoundException(String message, String url) {
    this(message, url, NONE, NONE);
  }
}
