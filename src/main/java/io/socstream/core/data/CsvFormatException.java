package io.socstream.core.data;

/** A CSV file that does not have the expected layout or content, with where it went wrong. */
public final class CsvFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final String column;

  /**
   * @param source the file (or stream name)
   * @param line 1-based line number, the header being line 1
   * @param column the column concerned, or {@code null}
   * @param problem what is wrong
   */
  public CsvFormatException(String source, long line, String column, String problem) {
    super(
        source
            + ", line "
            + line
            + (column == null ? "" : ", column '" + column + "'")
            + ": "
            + problem);
    this.source = source;
    this.line = line;
    this.column = column;
  }

  /** The file or stream name. */
  public String source() {
    return source;
  }

  /** 1-based line number (the header is line 1). */
  public long line() {
    return line;
  }

  /** The column concerned, or {@code null}. */
  public String column() {
    return column;
  }
}
