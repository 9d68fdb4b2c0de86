package io.socstream.streams.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.socstream.streams.TopologyNames;
import io.socstream.streams.testing.GoldenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code topology-docs/} are what {@link TopologyDocs} generates from the topology
 * now: a change of node, store or topic names (which would orphan state or internal topics in
 * production) must be deliberate, and the docs move with it. The golden {@code describe()} lives
 * only there ({@code topology-docs/topology.txt}).
 *
 * <p>To accept a change, regenerate from the repository root with {@link TopologyDocs#REGENERATE}
 * ({@code -Dsoc.updateGolden=true} makes this test write the files instead of comparing).
 */
class TopologyDocsTest {

  private static Path docsDir() {
    return GoldenFiles.repositoryRoot().resolve(TopologyDocs.DIR);
  }

  @Test
  void committedDocsAreUpToDate() throws IOException {
    Map<String, String> generated = TopologyDocs.render();
    if (GoldenFiles.UPDATE) {
      TopologyDocs.write(docsDir());
    }
    List<String> stale =
        GoldenFiles.stale(docsDir(), generated).stream()
            .map(name -> TopologyDocs.DIR + "/" + name)
            .toList();
    if (!stale.isEmpty()) {
      fail(
          "%s differ from what the topology generates now. If the change is deliberate (renamed"
              + " nodes, stores or topics orphan state and internal topics in production),"
              + " regenerate from the repository root and commit the result:%n  %s",
          stale, TopologyDocs.REGENERATE);
    }
  }

  @Test
  void withoutRepartitionThereIsOneSubTopologyAndNoRepartitionTopic() {
    TopologyDescription description = TopologyDocs.describe(false);
    assertThat(description.subtopologies()).hasSize(1);
    assertThat(description.toString()).doesNotContain("repartition");
    assertThat(TopologyDocs.describe(true).subtopologies()).hasSize(2);
  }

  @Test
  void diagramsShowEverySubTopologyStoreTopicAndTheDeadLetterEdges() {
    Map<String, String> files = TopologyDocs.render();
    String mermaid = files.get("topology.mmd");
    String dot = files.get("topology.dot");
    assertThat(mermaid).startsWith("%% Generated").contains("flowchart LR");
    assertThat(mermaid).contains("subgraph st0[", "subgraph st1[");
    assertThat(dot).contains("subgraph cluster_0 {", "subgraph cluster_1 {");
    for (String store : TopologyNames.STORES) {
      assertThat(mermaid).contains("[(\"" + store + "\")]");
      assertThat(dot).contains("\"store:" + store + "\"");
    }
    // One store, connected to the one stateful node.
    assertThat(mermaid).contains("n_soc_estimator --- s_battery_state");
    for (String topic :
        List.of(TopologyNames.TELEMETRY_TOPIC, TopologyNames.SOC_TOPIC, TopologyNames.DLQ_TOPIC)) {
      assertThat(mermaid).contains("[/\"" + topic + "\"/]");
      assertThat(dot).contains("\"topic:" + topic + "\"");
    }
    assertThat(mermaid)
        .contains(
            "n_telemetry_source -.->|deserialization handler| t_battery_telemetry_dlq",
            "n_validate_telemetry -.->|processing handler| t_battery_telemetry_dlq",
            "n_soc_estimator -.->|processing handler| t_battery_telemetry_dlq");
    assertThat(dot).contains("style=dashed");
  }

  @Test
  void asyncApiPayloadsReferenceTheAvroSchemas() throws IOException {
    String yaml = TopologyDocs.render().get("asyncapi.yaml");
    assertThat(yaml).contains("asyncapi: 2.6.0");
    assertThat(yaml)
        .contains(
            "  " + TopologyNames.TELEMETRY_TOPIC + ":\n",
            "  " + TopologyNames.SOC_TOPIC + ":\n",
            "  " + TopologyNames.DLQ_TOPIC + ":\n");
    assertThat(yaml).contains("schemaFormat: application/vnd.apache.avro;version=1.9.0");
    Matcher refs = Pattern.compile("\\$ref: '(\\.\\./schemas/[^']+\\.avsc)'").matcher(yaml);
    List<String> names = new ArrayList<>();
    while (refs.find()) {
      Path schema = docsDir().resolve(refs.group(1)).normalize();
      assertThat(schema).as("$ref %s", refs.group(1)).exists();
      names.add(new Schema.Parser().parse(schema.toFile()).getName());
    }
    assertThat(names).containsExactly("Telemetry", "SocEstimate", "DeadLetter");
    // Every message names its Avro payload and the Confluent framing of the schema id.
    assertThat(yaml.split("schemaIdPayloadEncoding: confluent", -1)).hasSize(4);
  }

  @Test
  void readmeGivesTheRegenerateCommand() throws IOException {
    String readme = Files.readString(docsDir().resolve("README.md"), StandardCharsets.UTF_8);
    assertThat(readme).contains(TopologyDocs.REGENERATE);
    for (String file : TopologyDocs.render().keySet()) {
      assertThat(readme).contains("`" + file + "`");
    }
  }
}
