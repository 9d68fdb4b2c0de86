package io.socstream.core.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/**
 * Finds out where a graph really runs by tracing one step: TensorFlow records per device the ops it
 * executed there. This is the honest answer (a GPU that exists but is not used is not reported),
 * unlike asking which devices the process can see.
 */
final class ExecutionDevices {

  private ExecutionDevices() {}

  /**
   * Runs one traced step and returns the devices that executed ops, short names such as {@code
   * "GPU:0"} or {@code "CPU:0"}, GPUs first. One at a time per process: TensorFlow allows one
   * profiling session per process, and a second concurrent trace (two models loading at once, as in
   * a rollout to two engines in one JVM) fails with "Another profiling session active".
   */
  static synchronized List<String> trace(Session session, String feed, Tensor input, String fetch) {
    RunOptions options =
        RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
    try (Result result =
        session.runner().feed(feed, input).fetch(fetch).setOptions(options).runAndFetchMetadata()) {
      RunMetadata metadata = result.getMetadata().orElse(RunMetadata.getDefaultInstance());
      TreeSet<String> gpus = new TreeSet<>();
      TreeSet<String> others = new TreeSet<>();
      for (DeviceStepStats stats : metadata.getStepStats().getDevStatsList()) {
        if (stats.getNodeStatsCount() == 0) {
          continue;
        }
        String name = shortName(stats.getDevice());
        (name.startsWith("GPU") ? gpus : others).add(name);
      }
      List<String> devices = new ArrayList<>(gpus);
      devices.addAll(others);
      return devices;
    }
  }

  /** {@code "/job:localhost/replica:0/task:0/device:GPU:0"} becomes {@code "GPU:0"}. */
  static String shortName(String device) {
    int at = device.lastIndexOf("device:");
    return at < 0 ? device : device.substring(at + "device:".length());
  }
}
