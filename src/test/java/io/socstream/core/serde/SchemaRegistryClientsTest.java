package io.socstream.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientsTest {

  private static final String SCOPE = "registry-clients-test";

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void mockUrlGivesTheSharedScope() {
    SchemaRegistryClient client = SchemaRegistryClients.fromUrl("mock://" + SCOPE, Map.of());

    assertThat(client).isSameAs(MockSchemaRegistry.forScope(SCOPE));
  }

  @Test
  void httpUrlListGivesARestClientForTheFirst() {
    SchemaRegistryClient client =
        SchemaRegistryClients.fromUrl(
            " https://registry-a:8081/ ,https://registry-b:8081",
            Map.of(SerdeConfig.BASIC_AUTH_USER_INFO, "u:p"));

    assertThat(client).isInstanceOf(RestSchemaRegistryClient.class);
    assertThat(client.url()).isEqualTo("https://registry-a:8081");
  }

  @Test
  void otherSchemesAreAConfigError() {
    assertThatThrownBy(() -> SchemaRegistryClients.fromUrl("ftp://registry:21", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ftp://registry:21")
        .hasMessageContaining("http://, https:// or mock://");
  }

  @Test
  void blankUrlIsAConfigError() {
    assertThatThrownBy(() -> SchemaRegistryClients.fromUrl(" , ", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(SerdeConfig.SCHEMA_REGISTRY_URL);
  }

  @Test
  void configNeverPrintsThePassword() {
    SerdeConfig config =
        SerdeConfig.parse(
            Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, "mock://x",
                SerdeConfig.BASIC_AUTH_USER_INFO, "u:hunter2"),
            true);

    assertThat(config.basicAuthUserInfo()).isEqualTo("u:hunter2");
    assertThat(config.autoRegisterSchemas()).isTrue();
    assertThat(config.toString()).doesNotContain("hunter2");
  }
}
