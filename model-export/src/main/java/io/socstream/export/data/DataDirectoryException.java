package io.socstream.export.data;

/** The data directory is missing, empty or laid out differently from the LG HG2 data set. */
public final class DataDirectoryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DataDirectoryException(String message) {
    super(message);
  }
}
