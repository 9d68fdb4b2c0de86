package io.socstream.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.avro.DeadLetter;
import io.socstream.avro.SocEstimate;
import io.socstream.avro.Telemetry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryTest {

  private static final String SCOPE = "mock-registry-test";
  private static final String OTHER_SCOPE = "mock-registry-test-other";

  @AfterEach
  void dropScopes() {
    MockSchemaRegistry.dropScope(SCOPE);
    MockSchemaRegistry.dropScope(OTHER_SCOPE);
  }

  @Test
  void sameSchemaUnderSameSubjectKeepsItsId() {
    MockSchemaRegistry registry = MockSchemaRegistry.forScope(SCOPE);

    int first = registry.register("telemetry-value", Telemetry.getClassSchema());
    int second = registry.register("telemetry-value", Telemetry.getClassSchema());

    assertThat(second).isEqualTo(first);
    assertThat(registry.getById(first)).isEqualTo(Telemetry.getClassSchema());
  }

  @Test
  void differentSchemasGetDifferentIds() {
    MockSchemaRegistry registry = MockSchemaRegistry.forScope(SCOPE);

    int telemetry = registry.register("t-value", Telemetry.getClassSchema());
    int estimate = registry.register("t-value", SocEstimate.getClassSchema());

    assertThat(estimate).isNotEqualTo(telemetry);
    assertThat(registry.latest("t-value"))
        .isEqualTo(new RegisteredSchema("t-value", 2, estimate, SocEstimate.getClassSchema()));
  }

  @Test
  void scopesAreSharedByUrlAndIsolatedFromEachOther() {
    MockSchemaRegistry registry = MockSchemaRegistry.forScope(SCOPE);
    int id = registry.register("telemetry-value", Telemetry.getClassSchema());

    assertThat(MockSchemaRegistry.forScope(SCOPE)).isSameAs(registry);
    assertThat(registry.url()).isEqualTo("mock://" + SCOPE);
    assertThatThrownBy(() -> MockSchemaRegistry.forScope(OTHER_SCOPE).getById(id))
        .isInstanceOf(SchemaNotFoundException.class)
        .hasMessageContaining("Schema id " + id);
  }

  @Test
  void droppingAScopeStartsItEmpty() {
    int id = MockSchemaRegistry.forScope(SCOPE).register("s", Telemetry.getClassSchema());

    MockSchemaRegistry.dropScope(SCOPE);

    assertThatThrownBy(() -> MockSchemaRegistry.forScope(SCOPE).getById(id))
        .isInstanceOf(SchemaNotFoundException.class);
  }

  @Test
  void lookupFindsOnlyWhatTheSubjectHolds() {
    MockSchemaRegistry registry = MockSchemaRegistry.forScope(SCOPE);
    int id = registry.register("a-value", Telemetry.getClassSchema());

    assertThat(registry.lookupId("a-value", Telemetry.getClassSchema())).isEqualTo(id);
    assertThatThrownBy(() -> registry.lookupId("b-value", Telemetry.getClassSchema()))
        .isInstanceOf(SchemaNotFoundException.class)
        .hasMessageContaining("b-value");
  }

  @Test
  void concurrentRegistrationsAgreeOnIds() throws Exception {
    MockSchemaRegistry registry = MockSchemaRegistry.forScope(SCOPE);
    List<Schema> schemas =
        List.of(
            Telemetry.getClassSchema(), SocEstimate.getClassSchema(), DeadLetter.getClassSchema());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    Set<String> pairs = ConcurrentHashMap.newKeySet();
    try {
      List<Future<?>> futures =
          java.util.stream.IntStream.range(0, 300)
              .<Future<?>>mapToObj(
                  i ->
                      pool.submit(
                          () -> {
                            Schema schema = schemas.get(i % schemas.size());
                            pairs.add(schema.getName() + "=" + registry.register("s", schema));
                          }))
              .toList();
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(pairs).hasSize(3);
    assertThat(pairs.stream().map(p -> p.substring(p.indexOf('=') + 1))).doesNotHaveDuplicates();
  }
}
