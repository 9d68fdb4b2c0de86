package io.socstream.streams;

import static io.socstream.streams.TopologyFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import io.socstream.streams.config.SocStreamsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop in the middle (features half-way through a segment, windows still pending) and a restart
 * from the stores' changelogs continue exactly where processing stopped: the estimates equal those
 * of an uninterrupted run, none lost, none twice.
 *
 * <p>{@code TopologyTestDriver} wipes its state directory on close, so the restart restores the
 * stores of the second driver from the changelog records the first one wrote — what Kafka Streams
 * itself does when a task moves or its local state is gone.
 */
class RestartTest {

  private static final Map<String, String> SETTINGS =
      Map.of(SocStreamsConfig.BATCH_SIZE, "8", SocStreamsConfig.LINGER_MS, "1000");

  @TempDir Path stateDir;

  private static List<Telemetry> input() {
    List<Telemetry> input = new ArrayList<>();
    for (int n = 0; n < 25; n++) {
      input.add(step("A", n));
      if (n % 3 != 0) {
        input.add(step("B", n));
      }
    }
    return input;
  }

  @Test
  void restartContinuesExactlyWhereItStopped() {
    List<Telemetry> input = input();
    int cut = 23;

    List<SocEstimate> uninterrupted;
    try (TopologyFixture f = TopologyFixture.start(stateDir.resolve("whole"), SETTINGS)) {
      input.forEach(f::pipe);
      f.driver.advanceWallClockTime(Duration.ofSeconds(1));
      uninterrupted = f.estimates();
    }

    Path dir = stateDir.resolve("restarted");
    TopologyFixture first = TopologyFixture.start(dir, SETTINGS);
    input.subList(0, cut).forEach(first::pipe);
    List<SocEstimate> beforeStop = first.estimates();
    assertThat(first.pendingBatteries()).as("windows pending at the stop").isNotEmpty();
    List<Changelog<?, ?>> changelogs = changelogs(first);
    first.closeDriverOnly();

    List<SocEstimate> afterRestart;
    try (TopologyFixture second =
        TopologyFixture.start(dir, SETTINGS, TestModels.tiny(), first.scope())) {
      changelogs.forEach(c -> c.restoreInto(second));
      input.subList(cut, input.size()).forEach(second::pipe);
      second.driver.advanceWallClockTime(Duration.ofSeconds(1));
      afterRestart = second.estimates();
    }

    List<SocEstimate> combined = new ArrayList<>(beforeStop);
    combined.addAll(afterRestart);
    assertThat(beforeStop).isNotEmpty();
    assertThat(afterRestart).isNotEmpty();
    assertThat(combined).isEqualTo(uninterrupted);
  }

  private static List<Changelog<?, ?>> changelogs(TopologyFixture f) {
    return List.of(
        Changelog.read(
            f,
            TopologyNames.BATTERY_STATE_STORE,
            new StringDeserializer(),
            new ByteArrayDeserializer()));
  }

  /** The records a store's changelog topic received, replayable into another driver's store. */
  private record Changelog<K, V>(String store, List<KeyValue<K, V>> records) {

    static <K, V> Changelog<K, V> read(
        TopologyFixture f, String store, Deserializer<K> keys, Deserializer<V> values) {
      String topic = f.config.applicationId() + "-" + store + "-changelog";
      assertThat(f.driver.producedTopicNames()).contains(topic);
      TestOutputTopic<K, V> changelog = f.driver.createOutputTopic(topic, keys, values);
      return new Changelog<>(store, changelog.readKeyValuesToList());
    }

    void restoreInto(TopologyFixture f) {
      KeyValueStore<K, V> target = f.driver.getKeyValueStore(store);
      for (KeyValue<K, V> record : records) {
        if (record.value == null) {
          target.delete(record.key);
        } else {
          target.put(record.key, record.value);
        }
      }
    }
  }
}
