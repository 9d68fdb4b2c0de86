package io.socstream.core.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * An in-memory registry for tests, shared by every serde configured with the same {@code
 * mock://scope} URL (as a real registry is shared by producers and consumers). Ids are unique per
 * scope; a schema keeps its id across subjects, as in Confluent's registry.
 */
public final class MockSchemaRegistry implements SchemaRegistryClient {

  public static final String URL_PREFIX = "mock://";

  private static final ConcurrentMap<String, MockSchemaRegistry> SCOPES = new ConcurrentHashMap<>();

  private final String scope;
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<Schema, Integer> idsBySchema = new HashMap<>();
  private final Map<String, List<Integer>> idsBySubjectVersion = new HashMap<>();
  private int nextId = 1;

  private MockSchemaRegistry(String scope) {
    this.scope = scope;
  }

  /** The registry of {@code scope}, created empty on first use. */
  public static MockSchemaRegistry forScope(String scope) {
    return SCOPES.computeIfAbsent(scope, MockSchemaRegistry::new);
  }

  /**
   * Forgets {@code scope}: the next {@link #forScope} starts empty. Clients already holding the old
   * instance keep it.
   */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    Integer id = idsBySchema.get(schema);
    if (id == null) {
      id = nextId++;
      idsBySchema.put(schema, id);
      schemasById.put(id, schema);
    }
    List<Integer> versions = idsBySubjectVersion.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.contains(id)) {
      versions.add(id);
    }
    return id;
  }

  @Override
  public synchronized int lookupId(String subject, Schema schema) {
    Integer id = idsBySchema.get(schema);
    if (id == null || !idsBySubjectVersion.getOrDefault(subject, List.of()).contains(id)) {
      throw new SchemaNotFoundException(
          "Schema " + schema.getFullName() + " is not registered under subject " + subject, url());
    }
    return id;
  }

  @Override
  public synchronized Schema getById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw new SchemaNotFoundException("Schema id " + id + " not found", url());
    }
    return schema;
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<Integer> versions = idsBySubjectVersion.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw new SchemaNotFoundException("Subject " + subject + " not found", url());
    }
    int id = versions.get(versions.size() - 1);
    return new RegisteredSchema(subject, versions.size(), id, schemasById.get(id));
  }

  @Override
  public String url() {
    return URL_PREFIX + scope;
  }
}
