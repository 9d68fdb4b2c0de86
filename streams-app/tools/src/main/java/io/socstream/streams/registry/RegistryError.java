package io.socstream.streams.registry;

/**
 * A refused request, answered as Confluent's {@code {"error_code": N, "message": "..."}} with the
 * HTTP status and error code that Confluent's {@code Errors} class uses for the same case.
 */
final class RegistryError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final int errorCode;

  private RegistryError(int httpStatus, int errorCode, String message) {
    super(message, null, false, false);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  int httpStatus() {
    return httpStatus;
  }

  int errorCode() {
    return errorCode;
  }

  static RegistryError subjectNotFound(String subject) {
    return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
  }

  static RegistryError versionNotFound(int version) {
    return new RegistryError(404, 40402, "Version " + version + " not found.");
  }

  static RegistryError schemaNotFound() {
    return new RegistryError(404, 40403, "Schema not found");
  }

  static RegistryError schemaNotFound(int id) {
    return new RegistryError(404, 40403, "Schema " + id + " not found");
  }

  static RegistryError incompatible(String details) {
    return new RegistryError(
        409,
        40901,
        "Schema being registered is incompatible with an earlier schema for subject: " + details);
  }

  static RegistryError invalidSchema(String details) {
    return new RegistryError(422, 42201, "Invalid schema: " + details);
  }

  static RegistryError invalidVersion(String version) {
    return new RegistryError(
        422,
        42202,
        "The specified version '"
            + version
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the"
            + " string \"latest\"");
  }

  static RegistryError badRequest(String message) {
    return new RegistryError(400, 400, message);
  }

  static RegistryError notFound() {
    return new RegistryError(404, 404, "HTTP 404 Not Found");
  }

  static RegistryError methodNotAllowed() {
    return new RegistryError(405, 405, "HTTP 405 Method Not Allowed");
  }

  static RegistryError unsupportedMediaType() {
    return new RegistryError(415, 415, "HTTP 415 Unsupported Media Type");
  }

  static RegistryError storeError(String message) {
    return new RegistryError(500, 50001, message);
  }
}
