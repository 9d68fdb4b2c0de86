package io.socstream.streams.docs;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.Normalization;
import io.socstream.core.inference.SocModel;
import io.socstream.streams.SocTopology;
import io.socstream.streams.config.SocStreamsConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Generates {@code topology-docs/} at the repository root from the topology itself: {@code
 * topology.txt} ({@code Topology#describe()} of the default topology), {@code
 * topology-no-repartition.txt} (the same with {@code soc.repartition.enabled=false}), {@code
 * topology.mmd} (Mermaid) and {@code topology.dot} (Graphviz) drawn from the {@link
 * TopologyDescription}, and {@code asyncapi.yaml} (the external topics and their Avro messages).
 *
 * <p>{@code TopologyDocsTest} regenerates them in memory and fails when a committed file differs;
 * {@link #REGENERATE} rewrites them. Usage: {@code TopologyDocs [output-dir]} (default {@code
 * topology-docs}).
 */
public final class TopologyDocs {

  /** Folder at the repository root that holds the generated files. */
  public static final String DIR = "topology-docs";

  /** Run from the repository root; rewrites every generated file under {@link #DIR}. */
  public static final String REGENERATE =
      "./mvnw -q -pl streams-app/tools -am test -Dtest=TopologyDocsTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dsoc.updateGolden=true";

  private TopologyDocs() {}

  /** File name → content of every generated file, in a fixed order. */
  public static Map<String, String> render() {
    TopologyDescription withRepartition = describe(true);
    Map<String, String> files = new LinkedHashMap<>();
    files.put("topology.txt", describeText(withRepartition));
    files.put("topology-no-repartition.txt", describeText(describe(false)));
    files.put("topology.mmd", TopologyDiagrams.mermaid(withRepartition));
    files.put("topology.dot", TopologyDiagrams.dot(withRepartition));
    files.put("asyncapi.yaml", AsyncApiDocument.render());
    return files;
  }

  /** Writes every generated file into {@code dir} (created if needed). */
  public static void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, String> file : render().entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
    }
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : DIR);
    write(dir);
    System.out.println("Wrote " + render().keySet() + " to " + dir.toAbsolutePath());
  }

  /** The topology of the default settings, with or without the repartition by battery id. */
  public static TopologyDescription describe(boolean repartition) {
    SocStreamsConfig config =
        SocStreamsConfig.of(
            Map.of(
                SocStreamsConfig.SCHEMA_REGISTRY_URL,
                "mock://topology-docs",
                SocStreamsConfig.REPARTITION,
                Boolean.toString(repartition)));
    return SocTopology.buildTopology(config, new DescribeOnlyModel()).describe();
  }

  /**
   * {@code describe().toString()} without trailing blanks and blank lines (Kafka pads
   * sub-topologies with them), newline-terminated.
   */
  static String describeText(TopologyDescription description) {
    return description
            .toString()
            .lines()
            .map(String::stripTrailing)
            .filter(line -> !line.isEmpty())
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  /** Building the topology needs a model's feature spec only; nothing is ever estimated. */
  private static final class DescribeOnlyModel implements SocModel {

    @Override
    public FeatureSpec featureSpec() {
      return FeatureSpec.defaults();
    }

    @Override
    public String modelVersion() {
      return "describe-only";
    }

    @Override
    public Normalization normalization() {
      throw new UnsupportedOperationException("describe-only model");
    }

    @Override
    public float[] predict(float[] windows, int batchSize) {
      throw new UnsupportedOperationException("describe-only model");
    }
  }
}
