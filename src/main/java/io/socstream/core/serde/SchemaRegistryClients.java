package io.socstream.core.serde;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** Picks the registry client a URL asks for. */
public final class SchemaRegistryClients {

  private SchemaRegistryClients() {}

  /**
   * {@code mock://scope} gives the shared in-memory {@link MockSchemaRegistry} of that scope; an
   * http(s) URL gives a {@link RestSchemaRegistryClient} configured from {@code config} (basic
   * auth, timeouts; see {@link SerdeConfig}). A comma-separated list, as Confluent accepts, is
   * allowed but only its first URL is used: this client does not fail over.
   *
   * @throws ConfigException when the URL is missing or has another scheme
   */
  public static SchemaRegistryClient fromUrl(String url, Map<String, ?> config) {
    String first = firstUrl(url);
    if (first.startsWith(MockSchemaRegistry.URL_PREFIX)) {
      return MockSchemaRegistry.forScope(first.substring(MockSchemaRegistry.URL_PREFIX.length()));
    }
    if (first.startsWith("http://") || first.startsWith("https://")) {
      SerdeConfig settings = SerdeConfig.parse(config, false);
      return new RestSchemaRegistryClient(
          first,
          settings.basicAuthUserInfo(),
          settings.connectTimeout(),
          settings.requestTimeout());
    }
    throw new ConfigException(
        SerdeConfig.SCHEMA_REGISTRY_URL, url, "expected http://, https:// or mock://");
  }

  private static String firstUrl(String url) {
    if (url != null) {
      for (String candidate : url.split(",")) {
        if (!candidate.isBlank()) {
          return candidate.trim();
        }
      }
    }
    throw new ConfigException(SerdeConfig.SCHEMA_REGISTRY_URL, url, "no schema registry URL");
  }
}
