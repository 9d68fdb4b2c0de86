package io.socstream.streams.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * Subjects, their versions and the global schema ids, with Confluent's rules: a schema is known by
 * its canonical text (Avro's {@link Schema#toString()} of the parsed schema, as Confluent's {@code
 * AvroSchema.canonicalString()}), so the same schema gets the same id under every subject; adding a
 * version that already is under the subject returns its id without a new version; a new version
 * must be BACKWARD compatible with the subject's latest one (new schema reads data written with the
 * old). Every new version is in the {@link SchemaLog} before it is visible.
 */
final class SchemaStore implements AutoCloseable {

  /** The only compatibility level served; Confluent's default. */
  static final String COMPATIBILITY_LEVEL = "BACKWARD";

  private final SchemaLog log;
  private final Map<Integer, String> schemasById = new HashMap<>();
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<String, List<Integer>> idsBySubject = new TreeMap<>();
  private int maxId;

  SchemaStore(SchemaLog log) {
    this.log = log;
    for (SubjectVersion entry : log.entries()) {
      List<Integer> versions =
          idsBySubject.computeIfAbsent(entry.subject(), s -> new ArrayList<>());
      if (entry.version() != versions.size() + 1) {
        throw new IllegalStateException(
            "Schema file "
                + log.file()
                + ": subject '"
                + entry.subject()
                + "' jumps to version "
                + entry.version()
                + " after "
                + versions.size());
      }
      versions.add(entry.id());
      remember(entry.id(), entry.schema());
    }
  }

  /**
   * Registers {@code schemaText} under {@code subject} and returns its global id.
   *
   * @throws RegistryError 422 when it is no valid Avro schema, 409 when it is incompatible
   */
  synchronized int register(String subject, String schemaText) {
    Schema schema = parse(schemaText);
    String canonical = schema.toString();
    Integer known = idsBySchema.get(canonical);
    List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
    if (known != null && versions.contains(known)) {
      return known;
    }
    if (!versions.isEmpty()) {
      List<String> problems = backwardProblems(schema, versions.get(versions.size() - 1));
      if (!problems.isEmpty()) {
        throw RegistryError.incompatible(String.join("; ", problems));
      }
    }
    int id = known != null ? known : maxId + 1;
    SubjectVersion entry = new SubjectVersion(subject, versions.size() + 1, id, canonical);
    log.append(entry);
    idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
    remember(id, canonical);
    return id;
  }

  /**
   * The version of {@code subject} that holds {@code schemaText}.
   *
   * @throws RegistryError 40401 for an unknown subject, 40403 when the subject lacks the schema
   */
  synchronized SubjectVersion lookup(String subject, String schemaText) {
    String canonical = parse(schemaText).toString();
    List<Integer> versions = existingVersions(subject);
    Integer id = idsBySchema.get(canonical);
    int index = id == null ? -1 : versions.indexOf(id);
    if (index < 0) {
      throw RegistryError.schemaNotFound();
    }
    return new SubjectVersion(subject, index + 1, id, canonical);
  }

  /**
   * The schema text with this global id.
   *
   * @throws RegistryError 40403 when no schema has it
   */
  synchronized String schemaById(int id) {
    String schema = schemasById.get(id);
    if (schema == null) {
      throw RegistryError.schemaNotFound(id);
    }
    return schema;
  }

  /** Every subject with at least one version, sorted. */
  synchronized List<String> subjects() {
    return List.copyOf(idsBySubject.keySet());
  }

  /** The subject's version numbers, 1..n. */
  synchronized List<Integer> versions(String subject) {
    int count = existingVersions(subject).size();
    List<Integer> numbers = new ArrayList<>(count);
    for (int v = 1; v <= count; v++) {
      numbers.add(v);
    }
    return numbers;
  }

  /**
   * One version of {@code subject}; {@code version} is a number or {@code latest}.
   *
   * @throws RegistryError 40401, 40402 or 42202 (not a version)
   */
  synchronized SubjectVersion version(String subject, String version) {
    int number = parseVersion(version);
    List<Integer> versions = existingVersions(subject);
    int resolved = number == -1 ? versions.size() : number;
    if (resolved > versions.size()) {
      throw RegistryError.versionNotFound(resolved);
    }
    int id = versions.get(resolved - 1);
    return new SubjectVersion(subject, resolved, id, schemasById.get(id));
  }

  /**
   * Whether {@code schemaText} could be registered after {@code version} of {@code subject} (an
   * unknown subject with {@code latest}: trivially yes), as Confluent's compatibility resource.
   *
   * @return the reasons it is not compatible; empty when it is
   */
  synchronized List<String> compatibilityProblems(
      String subject, String version, String schemaText) {
    Schema schema = parse(schemaText);
    int number = parseVersion(version);
    List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
    if (number == -1 && versions.isEmpty()) {
      return List.of();
    }
    if (versions.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    int resolved = number == -1 ? versions.size() : number;
    if (resolved > versions.size()) {
      throw RegistryError.versionNotFound(resolved);
    }
    return backwardProblems(schema, versions.get(resolved - 1));
  }

  @Override
  public synchronized void close() {
    log.close();
  }

  private List<String> backwardProblems(Schema reader, int writerId) {
    Schema writer = new Schema.Parser().parse(schemasById.get(writerId));
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
        .getResult()
        .getIncompatibilities()
        .stream()
        .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
        .collect(Collectors.toList());
  }

  private List<Integer> existingVersions(String subject) {
    List<Integer> versions = idsBySubject.get(subject);
    if (versions == null) {
      throw RegistryError.subjectNotFound(subject);
    }
    return versions;
  }

  private void remember(int id, String canonical) {
    schemasById.put(id, canonical);
    idsBySchema.putIfAbsent(canonical, id);
    maxId = Math.max(maxId, id);
  }

  /** A version number 1..2^31-1, or -1 for {@code latest}. */
  private static int parseVersion(String version) {
    if ("latest".equals(version) || "-1".equals(version)) {
      return -1;
    }
    try {
      int number = Integer.parseInt(version);
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Reported below, as Confluent does, with the text the caller sent.
    }
    throw RegistryError.invalidVersion(version);
  }

  private static Schema parse(String schemaText) {
    try {
      Schema schema = new Schema.Parser().parse(schemaText);
      // Avro 1.12 parses a reference to an undefined name and fails only when writing it out,
      // with a NullPointerException; any failure on the client's text is an invalid schema.
      var unused = schema.toString();
      return schema;
    } catch (RuntimeException e) {
      throw RegistryError.invalidSchema(String.valueOf(e.getMessage()));
    }
  }
}
