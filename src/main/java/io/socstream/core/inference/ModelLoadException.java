package io.socstream.core.inference;

import java.nio.file.Path;

/** A model directory that cannot be served: missing, corrupt, or not matching its model card. */
public class ModelLoadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path modelDir;

  /**
   * @param modelDir the directory that failed to load
   * @param problem what is wrong, without the path (it is prepended)
   * @param cause the underlying TensorFlow, I/O or card error, or null
   */
  public ModelLoadException(Path modelDir, String problem, Throwable cause) {
    super("Cannot load model " + modelDir + ": " + problem, cause);
    this.modelDir = modelDir;
  }

  /** The model directory that failed to load. */
  public Path modelDir() {
    return modelDir;
  }
}
