package io.socstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.streams.config.SocStreamsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden {@code describe()}: a change of node, store or topic names (which would orphan state or
 * internal topics in production) must be deliberate — update the golden file with it.
 */
class TopologyDescribeTest {

  private static String describe(Map<String, String> settings) {
    Map<String, String> all = new java.util.HashMap<>(settings);
    all.put(SocStreamsConfig.SCHEMA_REGISTRY_URL, "mock://describe");
    return SocTopology.buildTopology(SocStreamsConfig.of(all), TestModels.tiny())
        .describe()
        .toString();
  }

  /** Lines without trailing blanks; blank lines dropped (describe() pads sub-topologies). */
  private static String normalized(String text) {
    return text.lines()
        .map(String::stripTrailing)
        .filter(line -> !line.isEmpty())
        .collect(java.util.stream.Collectors.joining("\n"));
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = TopologyDescribeTest.class.getResourceAsStream(name)) {
      assertThat(in).as("golden file %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void topologyMatchesTheGoldenDescription() throws IOException {
    assertThat(normalized(describe(Map.of())))
        .isEqualTo(normalized(golden("/topology-describe.txt")));
  }

  @Test
  void withoutRepartitionThereIsOneSubTopologyAndNoRepartitionTopic() throws IOException {
    String description = describe(Map.of(SocStreamsConfig.REPARTITION, "false"));
    assertThat(normalized(description))
        .isEqualTo(normalized(golden("/topology-describe-no-repartition.txt")));
    assertThat(description).doesNotContain("repartition");
  }
}
