package io.socstream.export.data;

import io.socstream.core.data.RecordedCycle;

/**
 * A data file read into memory, with the hash of exactly the bytes that were parsed.
 *
 * @param file the file and its role
 * @param cycle its samples and SOC labels
 * @param sha256 lowercase hex SHA-256 of the file's bytes
 */
public record LoadedCycle(DataFile file, RecordedCycle cycle, String sha256) {

  /** Data rows read. */
  public long rows() {
    return cycle.size();
  }
}
