package io.socstream.core.inference;

import io.socstream.core.model.ModelCard;
import io.socstream.core.model.ModelCardException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.TensorFlow;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.types.TFloat32;

/**
 * Runs a SOC model directory (a TensorFlow SavedModel plus its {@code model-card.json}).
 *
 * <p>Thread safety: one instance may be shared by all stream threads. {@link #predict} only calls
 * {@code Session.run}, which TensorFlow documents as thread-safe, and allocates its own tensors.
 * {@link #close()} waits for predictions in flight and later calls fail with {@link
 * IllegalStateException} instead of touching freed native memory.
 */
public final class SavedModelRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SavedModelRunner.class);

  private final Path modelDir;
  private final ModelCard card;
  private final SavedModelBundle bundle;
  private final String feedTensor;
  private final String fetchTensor;
  private final long[] inputShape;
  private final int valuesPerWindow;
  private final List<String> devices;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private SavedModelRunner(
      Path modelDir, ModelCard card, SavedModelBundle bundle, Signature signature) {
    this.modelDir = modelDir;
    this.card = card;
    this.bundle = bundle;
    this.feedTensor = signature.getInputs().get(card.inputName()).name;
    this.fetchTensor = signature.getOutputs().get(card.outputName()).name;
    this.inputShape =
        card.signature().input().shape().stream().mapToLong(Long::longValue).toArray();
    this.valuesPerWindow = card.windowLength() * card.featureCount();
    this.devices = warmUp();
  }

  /**
   * Loads and checks a model directory.
   *
   * @param modelDir directory holding {@code saved_model.pb}, {@code variables/} and {@code
   *     model-card.json}
   * @param options session threading
   * @throws ModelLoadException naming the directory and the problem: directory, graph or card
   *     missing, card invalid, SavedModel unreadable, or signature different from the card
   */
  public static SavedModelRunner open(Path modelDir, RunnerOptions options) {
    if (!Files.isDirectory(modelDir)) {
      throw new ModelLoadException(modelDir, "not a directory (or does not exist)", null);
    }
    ModelCard card;
    try {
      card = ModelCard.read(modelDir.resolve(ModelCard.FILE_NAME));
    } catch (ModelCardException e) {
      throw new ModelLoadException(modelDir, e.getMessage(), e);
    }
    if (!Files.isRegularFile(modelDir.resolve("saved_model.pb"))) {
      throw new ModelLoadException(modelDir, "no saved_model.pb in the directory", null);
    }
    SavedModelBundle bundle = load(modelDir, options);
    try {
      Signature signature = findSignature(modelDir, bundle, card);
      SavedModelRunner runner = new SavedModelRunner(modelDir, card, bundle, signature);
      LOG.info(
          "Loaded model {} from {} (TensorFlow {}, running on {})",
          card.modelVersion(),
          modelDir,
          TensorFlow.version(),
          runner.device());
      return runner;
    } catch (RuntimeException e) {
      bundle.close();
      if (e instanceof ModelLoadException) {
        throw e;
      }
      // TensorFlow loads a SavedModel whose variables/ files are gone without complaint; the
      // failure only shows when the graph runs ("uninitialized value").
      throw new ModelLoadException(
          modelDir,
          "test run on an all-zero window failed (variables/ missing or incomplete?): "
              + e.getMessage(),
          e);
    }
  }

  private static SavedModelBundle load(Path modelDir, RunnerOptions options) {
    ConfigProto config =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(options.intraOpThreads())
            .setInterOpParallelismThreads(options.interOpThreads())
            // Take GPU memory as needed rather than all of it up front: other processes share it.
            .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true))
            .build();
    try {
      return SavedModelBundle.loader(modelDir.toString())
          .withTags(SavedModelWriter.SERVE_TAG)
          .withConfigProto(config)
          .load();
    } catch (TensorFlowException e) {
      throw new ModelLoadException(
          modelDir, "TensorFlow cannot load the SavedModel: " + e.getMessage(), e);
    }
  }

  private static Signature findSignature(Path modelDir, SavedModelBundle bundle, ModelCard card) {
    String key = card.signature().name();
    Signature signature =
        bundle.signatures().stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
    if (signature == null) {
      List<String> keys = bundle.signatures().stream().map(Signature::key).toList();
      throw new ModelLoadException(
          modelDir,
          "the card's signature.name \"" + key + "\" is not in the SavedModel, which has " + keys,
          null);
    }
    List<String> mismatches = SignatureCheck.mismatches(signature, card.signature());
    if (!mismatches.isEmpty()) {
      throw new ModelLoadException(
          modelDir,
          "the SavedModel does not match its model card:"
              + System.lineSeparator()
              + "  - "
              + String.join(System.lineSeparator() + "  - ", mismatches),
          null);
    }
    return signature;
  }

  /** Runs one all-zero window with tracing: proves the graph runs and finds its device. */
  private List<String> warmUp() {
    try (TFloat32 input = TFloat32.tensorOf(batchShape(1))) {
      return ExecutionDevices.trace(bundle.session(), feedTensor, input, fetchTensor);
    }
  }

  /**
   * Predicts SOC for a batch of windows.
   *
   * @param windows {@code batchSize × T × F} normalised features, row-major {@code
   *     [window][step][feature]}
   * @param batchSize number of windows, at least 1
   * @return one raw model output per window (not clamped to [0, 1])
   * @throws IllegalArgumentException when {@code windows.length != batchSize × T × F}
   * @throws IllegalStateException after {@link #close()}
   */
  public float[] predict(float[] windows, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
    long expected = (long) batchSize * valuesPerWindow;
    if (windows.length != expected) {
      throw new IllegalArgumentException(
          "windows has "
              + windows.length
              + " values, expected batchSize "
              + batchSize
              + " x T "
              + card.windowLength()
              + " x F "
              + card.featureCount()
              + " = "
              + expected);
    }
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("SavedModelRunner for " + modelDir + " is closed");
      }
      return run(windows, batchSize);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private float[] run(float[] windows, int batchSize) {
    try (TFloat32 input =
            TFloat32.tensorOf(batchShape(batchSize), DataBuffers.of(windows, true, false));
        Result result =
            bundle.session().runner().feed(feedTensor, input).fetch(fetchTensor).run()) {
      Tensor output = result.get(0);
      if (!(output instanceof TFloat32 soc) || soc.shape().size() != batchSize) {
        throw new IllegalStateException(
            "model returned "
                + output.dataType()
                + " "
                + output.shape()
                + ", expected float32 with "
                + batchSize
                + " values");
      }
      float[] values = new float[batchSize];
      soc.copyTo(DataBuffers.of(values, false, false));
      return values;
    }
  }

  /** The card's input shape with the batch dimension filled in. */
  private Shape batchShape(int batchSize) {
    long[] dims = inputShape.clone();
    dims[0] = batchSize;
    return Shape.of(dims);
  }

  /**
   * Where the model's ops ran in the load-time test step, e.g. {@code "CPU:0"} or {@code "GPU:0,
   * CPU:0"} (a GPU model still runs shape ops on the CPU). Traced, not guessed: a GPU that exists
   * but is not used does not appear.
   */
  public String device() {
    return devices.isEmpty() ? "unknown" : String.join(", ", devices);
  }

  /** The TensorFlow runtime version, e.g. {@code "2.18.0"}. */
  public String tensorflowVersion() {
    return TensorFlow.version();
  }

  /** The model's card. */
  public ModelCard card() {
    return card;
  }

  /** The model directory. */
  public Path modelDir() {
    return modelDir;
  }

  /** Releases the session and graph; waits for predictions in flight. Idempotent. */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        bundle.close();
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}
