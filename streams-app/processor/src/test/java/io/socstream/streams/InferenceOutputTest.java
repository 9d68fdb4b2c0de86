package io.socstream.streams;

import static io.socstream.streams.TopologyFixture.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.avro.SocEstimate;
import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.FeatureWindow;
import io.socstream.core.features.Normalization;
import io.socstream.core.inference.SocModel;
import io.socstream.core.serde.MockSchemaRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * soc is clamped to [0, 1] while soc_raw keeps the model's output; a failing model stops the task
 * rather than dead-lettering input.
 */
class InferenceOutputTest {

  @TempDir Path stateDir;

  /** Outputs -0.25, 0.5, 1.25, -0.25, ... whatever the input. */
  private static class SaturatingModel implements SocModel {
    private final float[] outputs = {-0.25f, 0.5f, 1.25f};
    private int next;

    @Override
    public FeatureSpec featureSpec() {
      return TestModels.SPEC;
    }

    @Override
    public String modelVersion() {
      return "saturating";
    }

    @Override
    public Normalization normalization() {
      throw new UnsupportedOperationException("windows are copied as they are");
    }

    @Override
    public void normalizeInto(FeatureWindow window, float[] dst, int offset) {
      window.copyInto(dst, offset);
    }

    @Override
    public synchronized float[] predict(float[] windows, int batchSize) {
      float[] out = new float[batchSize];
      for (int i = 0; i < batchSize; i++) {
        out[i] = outputs[next++ % outputs.length];
      }
      return out;
    }
  }

  @Test
  void socIsClampedSocRawIsNot() {
    String scope = "clamp-" + UUID.randomUUID();
    try (TopologyFixture f =
        TopologyFixture.start(stateDir, Map.of(), new SaturatingModel(), scope)) {
      for (int n = 0; n < 7; n++) {
        f.pipe(step("b1", n));
      }
      List<SocEstimate> out = f.estimates();
      assertThat(out).extracting(SocEstimate::getSocRaw).containsExactly(-0.25, 0.5, 1.25);
      assertThat(out).extracting(SocEstimate::getSoc).containsExactly(0.0, 0.5, 1.0);
      assertThat(out).allMatch(e -> e.getModelVersion().equals("saturating"));
    } finally {
      MockSchemaRegistry.dropScope(scope);
    }
  }

  @Test
  void aFailingModelStopsTheTaskInsteadOfDeadLetteringInput() {
    SocModel broken =
        new SaturatingModel() {
          @Override
          public synchronized float[] predict(float[] windows, int batchSize) {
            throw new IllegalStateException("GPU on fire");
          }
        };
    String scope = "broken-" + UUID.randomUUID();
    try (TopologyFixture f = TopologyFixture.start(stateDir, Map.of(), broken, scope)) {
      for (int n = 0; n < 4; n++) {
        f.pipe(step("b1", n));
      }
      assertThatThrownBy(() -> f.pipe(step("b1", 4)))
          .isInstanceOf(StreamsException.class)
          .hasStackTraceContaining("GPU on fire");
      assertThat(f.soc.isEmpty()).isTrue();
      assertThat(f.dlq.isEmpty()).isTrue();
    } catch (StreamsException closing) {
      // The failed task may also refuse a clean close; the assertions above are what matter.
    } finally {
      MockSchemaRegistry.dropScope(scope);
    }
  }
}
