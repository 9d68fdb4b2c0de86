package io.socstream.core.serde;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The serde settings, under the same keys as Confluent's serdes so existing configs work unchanged.
 *
 * @param schemaRegistryUrl {@code http(s)://host:port} (a comma-separated list: the first is used)
 *     or {@code mock://scope}; null only when a client was handed in directly
 * @param basicAuthUserInfo {@code user:password}, or null for no authentication
 * @param autoRegisterSchemas whether the serializer registers a schema it does not find
 * @param connectTimeout TCP connect timeout for the REST client
 * @param requestTimeout whole-request timeout for the REST client
 * @param outageMaxWait how long the deserializer waits for an unreachable registry before it gives
 *     up with {@link SchemaRegistryUnavailableException} (see {@link SpecificAvroDeserializer})
 */
public record SerdeConfig(
    String schemaRegistryUrl,
    String basicAuthUserInfo,
    boolean autoRegisterSchemas,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration outageMaxWait) {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
  public static final String OUTAGE_MAX_WAIT_MS = "schema.registry.outage.max.wait.ms";

  private static final long DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
  private static final long DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
  // Well below Kafka Streams' max.poll.interval.ms (300 s): a stream thread that waits longer
  // would be thrown out of its consumer group.
  private static final long DEFAULT_OUTAGE_MAX_WAIT_MS = 120_000;

  private static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(
              SCHEMA_REGISTRY_URL,
              Type.STRING,
              null,
              Importance.HIGH,
              "Schema registry URL: http(s)://host:port (comma-separated: the first is used)"
                  + " or mock://scope for tests.")
          // PASSWORD, so that the secret never shows up in a logged config.
          .define(
              BASIC_AUTH_USER_INFO,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              "HTTP basic auth credentials as user:password.")
          .define(
              AUTO_REGISTER_SCHEMAS,
              Type.BOOLEAN,
              true,
              Importance.MEDIUM,
              "Whether the serializer registers the record's schema when it is not registered yet.")
          .define(
              CONNECT_TIMEOUT_MS,
              Type.LONG,
              DEFAULT_CONNECT_TIMEOUT_MS,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "Connect timeout for the schema registry, milliseconds.")
          .define(
              REQUEST_TIMEOUT_MS,
              Type.LONG,
              DEFAULT_REQUEST_TIMEOUT_MS,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "Request timeout for the schema registry, milliseconds.")
          .define(
              OUTAGE_MAX_WAIT_MS,
              Type.LONG,
              DEFAULT_OUTAGE_MAX_WAIT_MS,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              "How long the deserializer keeps retrying an unreachable schema registry before it"
                  + " throws SchemaRegistryUnavailableException, milliseconds; keep it below"
                  + " max.poll.interval.ms.");

  /**
   * Reads the serde keys from a Kafka config map; other keys are ignored.
   *
   * @param urlRequired false when the caller already has a registry client
   * @throws ConfigException when the URL is required and missing, or a value has the wrong type
   */
  public static SerdeConfig parse(Map<String, ?> configs, boolean urlRequired) {
    Map<String, Object> values = DEFINITION.parse(configs);
    String url = (String) values.get(SCHEMA_REGISTRY_URL);
    if (urlRequired && (url == null || url.isBlank())) {
      throw new ConfigException(
          "Missing required configuration \""
              + SCHEMA_REGISTRY_URL
              + "\": the Avro serde needs the schema registry, as http(s)://host:port or"
              + " mock://scope");
    }
    Password userInfo = (Password) values.get(BASIC_AUTH_USER_INFO);
    return new SerdeConfig(
        url,
        userInfo == null ? null : userInfo.value(),
        (Boolean) values.get(AUTO_REGISTER_SCHEMAS),
        Duration.ofMillis((Long) values.get(CONNECT_TIMEOUT_MS)),
        Duration.ofMillis((Long) values.get(REQUEST_TIMEOUT_MS)),
        Duration.ofMillis((Long) values.get(OUTAGE_MAX_WAIT_MS)));
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "SerdeConfig[schemaRegistryUrl="
        + schemaRegistryUrl
        + ", basicAuth="
        + (basicAuthUserInfo == null ? "none" : "[hidden]")
        + ", autoRegisterSchemas="
        + autoRegisterSchemas
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", outageMaxWait="
        + outageMaxWait
        + "]";
  }
}
