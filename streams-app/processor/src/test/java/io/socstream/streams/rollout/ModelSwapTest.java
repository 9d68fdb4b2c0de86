package io.socstream.streams.rollout;

import static io.socstream.streams.TopologyFixture.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socstream.avro.SocEstimate;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.fusion.CapacityPoint;
import io.socstream.core.fusion.FusionParameters;
import io.socstream.streams.TestModels;
import io.socstream.streams.TopologyFixture;
import io.socstream.streams.config.SocStreamsConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model published mid-stream is swapped in at a batch boundary: estimates before the swap come
 * from v1, after it from v2, one per window, none lost or doubled; a model whose features differ
 * from the pipeline's is refused and the running one stays; a shadow model's estimates go to the
 * shadow topic.
 */
class ModelSwapTest {

  @TempDir static Path models;
  @TempDir Path stateDir;

  private static Path v1;
  private static Path v2;
  private static Path wrongWindow;
  private static Path v2Fused;

  @BeforeAll
  static void exportModels() {
    v1 = RolloutFixtures.export(models.resolve("v1"), TestModels.SPEC, "v1");
    v2 = RolloutFixtures.export(models.resolve("v2"), TestModels.SPEC, "v2");
    FeatureSpec six =
        new FeatureSpec(6, TestModels.SPEC.averagingHorizonsSeconds(), 5_000L, 10, true);
    wrongWindow = RolloutFixtures.export(models.resolve("t6"), six, "v-t6");
    v2Fused =
        RolloutFixtures.exportWithFusion(
            models.resolve("v2-fused"),
            TestModels.SPEC,
            "v2-fused",
            new FusionParameters(List.of(new CapacityPoint(25, 0.05, 0.05)), 1e-6, 1e-3, 1e-4, 3));
  }

  private static final class Engine implements AutoCloseable {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final RolloutMetrics metrics = new RolloutMetrics(registry);
    final AtomicBoolean v1Closed = new AtomicBoolean();
    final SwappableSocModel swappable;
    final ModelTopicWatcher watcher;
    final TopologyFixture fixture;
    final TestOutputTopic<String, SocEstimate> shadow;

    Engine(Path stateDir, Map<String, String> settings) {
      swappable = new SwappableSocModel(RolloutFixtures.open(v1, v1Closed));
      watcher =
          RolloutFixtures.watcher(
              new MockConsumer<>("earliest"),
              "soc.models",
              swappable,
              metrics,
              RefusalPublisher.NONE);
      fixture = TopologyFixture.start(stateDir, settings, swappable, "swap-" + stateDir.hashCode());
      shadow =
          fixture.driver.createOutputTopic(
              fixture.config.shadowTopic(),
              new StringDeserializer(),
              io.socstream.streams.AvroSerdes.socEstimate(fixture.config.serdeConfig())
                  .deserializer());
    }

    void pipe(int fromStep, int toStep) {
      for (int n = fromStep; n < toStep; n++) {
        for (String battery : List.of("A", "B")) {
          fixture.pipe(step(battery, n));
        }
      }
    }

    @Override
    public void close() {
      fixture.close();
      watcher.close();
      swappable.close();
    }
  }

  @Test
  void aSwapMidStreamChangesTheVersionAtABatchBoundaryWithoutLosingOrDoublingEstimates() {
    try (Engine engine = new Engine(stateDir, Map.of())) {
      engine.pipe(0, 10);
      List<SocEstimate> before = engine.fixture.estimates();

      engine.watcher.apply(RolloutFixtures.published(v2, ModelRole.PRIMARY, 1));
      assertThat(engine.v1Closed).as("v1 released after the swap").isTrue();
      engine.pipe(10, 20);
      List<SocEstimate> after = engine.fixture.estimates();

      int windowsPerBattery = 20 - TestModels.SPEC.windowLength() + 1;
      List<SocEstimate> all = new ArrayList<>(before);
      all.addAll(after);
      assertThat(all).hasSize(2 * windowsPerBattery);
      Set<String> windows = new HashSet<>();
      for (SocEstimate e : all) {
        assertThat(windows.add(e.getBatteryId() + "@" + e.getWindowEnd()))
            .as("one estimate per window")
            .isTrue();
      }
      assertThat(before).hasSize(2 * (10 - TestModels.SPEC.windowLength() + 1));
      assertThat(before).extracting(SocEstimate::getModelVersion).containsOnly("v1");
      assertThat(after).extracting(SocEstimate::getModelVersion).containsOnly("v2");
      assertThat(engine.swappable.modelVersion()).isEqualTo("v2");
      assertThat(engine.registry.get("soc.model.swaps").tag("role", "primary").counter().count())
          .isEqualTo(1.0);
      assertThat(engine.shadow.isEmpty()).as("no shadow published").isTrue();
    }
  }

  @Test
  void theFusionParametersFollowTheSwap() {
    try (Engine engine = new Engine(stateDir, Map.of())) {
      engine.pipe(0, 10);
      List<SocEstimate> before = engine.fixture.estimates();
      engine.watcher.apply(RolloutFixtures.published(v2Fused, ModelRole.PRIMARY, 1));
      engine.pipe(10, 20);
      List<SocEstimate> after = engine.fixture.estimates();

      // v1's card has no fusion section: its soc is the model's own.
      assertThat(before).isNotEmpty();
      for (SocEstimate e : before) {
        assertThat(e.getSoc()).isEqualTo(e.getModelSoc());
      }
      // v2's card fuses: the filter starts at v2's first estimate of each battery, then counts
      // charge (with v2's capacity) between estimates, so the fused soc leaves the model's.
      for (String battery : List.of("A", "B")) {
        List<SocEstimate> mine =
            after.stream().filter(e -> e.getBatteryId().toString().equals(battery)).toList();
        assertThat(mine)
            .hasSize(10)
            .extracting(SocEstimate::getModelVersion)
            .containsOnly("v2-fused");
        assertThat(mine.get(0).getSoc()).isEqualTo(mine.get(0).getModelSoc());
        assertThat(mine.subList(1, mine.size()))
            .as("fused with v2's parameters")
            .anySatisfy(e -> assertThat(e.getSoc()).isNotCloseTo(e.getModelSoc(), within(1e-6)));
      }
    }
  }

  @Test
  void aModelWithAnotherWindowLengthIsRefusedAndTheRunningOneStays() {
    try (Engine engine = new Engine(stateDir, Map.of())) {
      engine.pipe(0, 8);
      engine.watcher.apply(RolloutFixtures.published(wrongWindow, ModelRole.PRIMARY, 1));
      engine.pipe(8, 16);

      assertThat(engine.fixture.estimates())
          .hasSize(2 * (16 - TestModels.SPEC.windowLength() + 1))
          .extracting(SocEstimate::getModelVersion)
          .containsOnly("v1");
      assertThat(engine.v1Closed).isFalse();
      assertThat(engine.metrics.refusals(ModelRole.PRIMARY)).isEqualTo(1.0);
      assertThat(engine.watcher.refusals())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.version()).isEqualTo("v-t6");
                assertThat(r.reason()).contains("window_length");
              });
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> refused =
          (List<Map<String, Object>>) engine.watcher.view().get("refused");
      assertThat(refused).extracting(m -> m.get("version")).containsExactly("v-t6");
      assertThat(engine.watcher.view().get("primary")).asString().contains("v1");
    }
  }

  @Test
  void aShadowRunsOnTheSameBatchesAndWritesToTheShadowTopic() {
    try (Engine engine =
        new Engine(
            stateDir, Map.of(SocStreamsConfig.BATCH_SIZE, "4", SocStreamsConfig.LINGER_MS, "0"))) {
      engine.watcher.apply(RolloutFixtures.published(v2, ModelRole.SHADOW, 1));
      engine.pipe(0, 12);

      List<SocEstimate> primary = engine.fixture.estimates();
      List<SocEstimate> shadow = engine.shadow.readValuesToList();
      assertThat(primary).extracting(SocEstimate::getModelVersion).containsOnly("v1");
      assertThat(shadow).extracting(SocEstimate::getModelVersion).containsOnly("v2");
      assertThat(shadow).hasSameSizeAs(primary);
      for (int i = 0; i < primary.size(); i++) {
        assertThat(shadow.get(i).getBatteryId()).isEqualTo(primary.get(i).getBatteryId());
        assertThat(shadow.get(i).getWindowEnd()).isEqualTo(primary.get(i).getWindowEnd());
        // Same weights, same normalisation: the tiny v2 agrees with v1.
        assertThat(shadow.get(i).getSocRaw()).isEqualTo(primary.get(i).getSocRaw());
      }
      // The inference step records into the topology's registry.
      assertThat(
              engine
                  .fixture
                  .metrics
                  .registry()
                  .get("soc.shadow.abs.diff")
                  .tag("version", "v2")
                  .summary()
                  .count())
          .isEqualTo(primary.size());

      engine.watcher.apply(new PublishedModel(ModelRole.SHADOW, "?", Instant.now(), 0, 2, null));
      engine.pipe(12, 14);
      assertThat(engine.fixture.estimates()).isNotEmpty();
      assertThat(engine.shadow.isEmpty()).as("shadow withdrawn").isTrue();
    }
  }
}
