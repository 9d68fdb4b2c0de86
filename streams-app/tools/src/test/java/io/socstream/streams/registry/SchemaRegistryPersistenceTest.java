package io.socstream.streams.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.core.serde.RestSchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schemas, versions and ids survive a restart of the registry on the same directory. */
class SchemaRegistryPersistenceTest {

  @TempDir Path dir;

  private static RestSchemaRegistryClient client(SchemaRegistryServer server) {
    return new RestSchemaRegistryClient(
        server.url(), null, Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  @Test
  void idsAndVersionsSurviveARestartAndNewIdsContinueAfterTheMax() {
    int v1;
    int v2;
    int other;
    try (SchemaRegistryServer server = SchemaRegistryServer.start(dir, "localhost", 0)) {
      v1 = client(server).register("r-value", Schemas.parse(Schemas.V1));
      v2 = client(server).register("r-value", Schemas.parse(Schemas.V2_WITH_DEFAULT));
      other = client(server).register("o-value", Schemas.parse(Schemas.OTHER));
    }
    assertThat(dir.resolve(SchemaRegistryServer.SCHEMA_FILE)).exists();

    try (SchemaRegistryServer server = SchemaRegistryServer.start(dir, "localhost", 0)) {
      RestSchemaRegistryClient client = client(server);
      assertThat(client.getById(v1)).isEqualTo(Schemas.parse(Schemas.V1));
      assertThat(client.getById(other)).isEqualTo(Schemas.parse(Schemas.OTHER));
      assertThat(client.latest("r-value").version()).isEqualTo(2);
      assertThat(client.latest("r-value").id()).isEqualTo(v2);
      assertThat(client.register("r-value", Schemas.parse(Schemas.V1))).isEqualTo(v1);
      assertThat(client.lookupId("o-value", Schemas.parse(Schemas.OTHER))).isEqualTo(other);

      String v3 =
          Schemas.V2_WITH_DEFAULT.replace(
              "]}", ",{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
      int next = client.register("r-value", Schemas.parse(v3));
      assertThat(next).isEqualTo(Math.max(v1, Math.max(v2, other)) + 1);
      assertThat(client(server).latest("r-value").version()).isEqualTo(3);
    }
  }

  @Test
  void aLineCutOffByACrashIsDroppedAndTheRestIsKept() throws Exception {
    int v1;
    try (SchemaRegistryServer server = SchemaRegistryServer.start(dir, "localhost", 0)) {
      v1 = client(server).register("r-value", Schemas.parse(Schemas.V1));
    }
    Path file = dir.resolve(SchemaRegistryServer.SCHEMA_FILE);
    Files.writeString(
        file, "{\"subject\":\"r-value\",\"vers", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    try (SchemaRegistryServer server = SchemaRegistryServer.start(dir, "localhost", 0)) {
      assertThat(client(server).latest("r-value").id()).isEqualTo(v1);
      int other = client(server).register("o-value", Schemas.parse(Schemas.OTHER));
      assertThat(other).isEqualTo(v1 + 1);
    }
    assertThat(Files.readAllLines(file)).hasSize(2).allMatch(line -> line.endsWith("}"));
  }
}
