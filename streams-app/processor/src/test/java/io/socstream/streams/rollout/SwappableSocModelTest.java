package io.socstream.streams.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.core.features.FeatureSpec;
import io.socstream.core.features.Normalization;
import io.socstream.core.inference.SocModel;
import io.socstream.core.model.ModelCardException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Leases pin a batch's models; a swapped-out model closes after its last lease. */
class SwappableSocModelTest {

  private static final FeatureSpec SPEC = new FeatureSpec(5, List.of(10), 5_000L, 10, true);

  /** A model answering its version number, counting closes. */
  private static final class Fake implements SocModel {
    final String version;
    final FeatureSpec spec;
    final AtomicInteger closes = new AtomicInteger();

    Fake(String version, FeatureSpec spec) {
      this.version = version;
      this.spec = spec;
    }

    @Override
    public FeatureSpec featureSpec() {
      return spec;
    }

    @Override
    public Normalization normalization() {
      throw new UnsupportedOperationException();
    }

    @Override
    public String modelVersion() {
      return version;
    }

    @Override
    public float[] predict(float[] windows, int count) {
      return new float[] {Float.parseFloat(version.substring(1))};
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  @Test
  void aLeaseKeepsItsModelAcrossASwapAndTheOldModelClosesAfterTheLastLease() {
    Fake v1 = new Fake("v1", SPEC);
    Fake v2 = new Fake("v2", SPEC);
    SwappableSocModel models = new SwappableSocModel(v1);

    ModelLease inFlight = models.acquire();
    models.swapPrimary(v2);

    assertThat(inFlight.primary().predict(new float[0], 1)).containsExactly(1f);
    assertThat(v1.closes).as("still used by the batch in flight").hasValue(0);
    try (ModelLease next = ModelLease.of(models)) {
      assertThat(next.primary().modelVersion()).isEqualTo("v2");
      assertThat(next.shadow()).isNull();
    }
    inFlight.close();
    assertThat(v1.closes).hasValue(1);
    assertThat(v2.closes).hasValue(0);

    models.close();
    models.close();
    assertThat(v2.closes).hasValue(1);
    assertThatThrownBy(models::acquire).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesAModelForAnotherFeatureSpec() {
    Fake v1 = new Fake("v1", SPEC);
    SwappableSocModel models = new SwappableSocModel(v1);
    Fake other = new Fake("v9", new FeatureSpec(6, List.of(10), 5_000L, 10, true));

    assertThatThrownBy(() -> models.swapPrimary(other))
        .isInstanceOf(ModelCardException.class)
        .hasMessageContaining("v9");
    assertThatThrownBy(() -> models.swapShadow(other)).isInstanceOf(ModelCardException.class);
    assertThat(models.modelVersion()).isEqualTo("v1");
    assertThat(v1.closes).hasValue(0);
  }

  @Test
  void aFixedModelLeaseNeverClosesTheModel() {
    Fake fixed = new Fake("v3", SPEC);
    try (ModelLease lease = ModelLease.of(fixed)) {
      assertThat(lease.primary()).isSameAs(fixed);
    }
    assertThat(fixed.closes).hasValue(0);
  }
}
