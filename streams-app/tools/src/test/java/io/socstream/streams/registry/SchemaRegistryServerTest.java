package io.socstream.streams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socstream.core.serde.RegisteredSchema;
import io.socstream.core.serde.RestSchemaRegistryClient;
import io.socstream.core.serde.SchemaNotFoundException;
import io.socstream.core.serde.SchemaRegistryException;
import java.time.Duration;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The registry driven over real HTTP by the project's own client, {@link RestSchemaRegistryClient},
 * as the engine and tools use it. Every check that could be answered from the client's cache uses a
 * fresh client, so the server answers.
 */
class SchemaRegistryServerTest extends RunningRegistryFixture {

  private RestSchemaRegistryClient client() {
    return new RestSchemaRegistryClient(
        server.url(), null, Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  @Test
  void registersLooksUpAndFetches() {
    Schema v1 = Schemas.parse(Schemas.V1);
    int id = client().register("readings-value", v1);

    assertThat(id).isEqualTo(1);
    assertThat(client().register("readings-value", v1)).as("same schema again").isEqualTo(id);
    assertThat(client().lookupId("readings-value", v1)).isEqualTo(id);
    assertThat(client().getById(id)).isEqualTo(v1);

    RegisteredSchema latest = client().latest("readings-value");
    assertThat(latest.subject()).isEqualTo("readings-value");
    assertThat(latest.version()).isEqualTo(1);
    assertThat(latest.id()).isEqualTo(id);
    assertThat(latest.schema()).isEqualTo(v1);
  }

  @Test
  void idsAreGlobalAndFollowTheSchemaNotTheText() {
    int first = client().register("a-value", Schemas.parse(Schemas.V1));
    int other = client().register("b-value", Schemas.parse(Schemas.OTHER));
    // The same schema under a second subject gets the same id, as in Confluent's registry.
    int again = client().register("c-value", Schemas.parse(Schemas.V1));
    // A text that differs only in layout and key order is the same schema.
    String relaidOut =
        "{ \"namespace\": \"t\", \"name\": \"Reading\", \"type\": \"record\",\n"
            + "  \"fields\": [ {\"type\": \"string\", \"name\": \"id\"},\n"
            + "    {\"name\": \"value\", \"type\": \"double\"} ] }";
    int relaid = client().register("c-value", Schemas.parse(relaidOut));

    assertThat(other).isEqualTo(first + 1);
    assertThat(again).isEqualTo(first);
    assertThat(relaid).isEqualTo(first);
    assertThat(client().latest("c-value").version()).isEqualTo(1);
  }

  @Test
  void compatibleChangeIsANewVersionAndIncompatibleOneIsRefused() {
    RestSchemaRegistryClient client = client();
    int v1 = client.register("r-value", Schemas.parse(Schemas.V1));
    int v2 = client.register("r-value", Schemas.parse(Schemas.V2_WITH_DEFAULT));

    assertThat(v2).isNotEqualTo(v1);
    assertThat(client().latest("r-value").version()).isEqualTo(2);
    assertThat(client().latest("r-value").id()).isEqualTo(v2);
    assertThatThrownBy(() -> client.register("r-value", Schemas.parse(Schemas.REQUIRED_SERIAL)))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(409);
              assertThat(e.errorCode()).isEqualTo(40901);
              assertThat(e.getMessage()).contains("serial");
            });
    assertThat(client().latest("r-value").version()).as("nothing added").isEqualTo(2);
  }

  @Test
  void unknownIdSubjectAndSchemaAreNotFound() {
    client().register("known-value", Schemas.parse(Schemas.V1));

    assertThatThrownBy(() -> client().getById(99))
        .isInstanceOfSatisfying(
            SchemaNotFoundException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    assertThatThrownBy(() -> client().latest("unknown-value"))
        .isInstanceOfSatisfying(
            SchemaNotFoundException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
    assertThatThrownBy(() -> client().lookupId("unknown-value", Schemas.parse(Schemas.V1)))
        .isInstanceOfSatisfying(
            SchemaNotFoundException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
    assertThatThrownBy(() -> client().lookupId("known-value", Schemas.parse(Schemas.OTHER)))
        .isInstanceOfSatisfying(
            SchemaNotFoundException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
  }

  @Test
  void subjectNamesArePercentDecoded() {
    Schema v1 = Schemas.parse(Schemas.V1);
    int id = client().register("odd subject+name/x", v1);

    assertThat(client().latest("odd subject+name/x").id()).isEqualTo(id);
    assertThatThrownBy(() -> client().latest("odd subject name/x"))
        .isInstanceOf(SchemaNotFoundException.class);
  }
}
