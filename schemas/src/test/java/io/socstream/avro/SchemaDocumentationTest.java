package io.socstream.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Contracts are read by other teams: every field must say what it means and in which unit. */
class SchemaDocumentationTest {

  /** Surefire runs with the module directory as working directory. */
  private static final Path AVRO_DIR = Path.of("src", "main", "avro");

  @Test
  void everyFieldOfEverySchemaFileHasADoc() throws IOException {
    List<Schema> schemas = parseAllSchemaFiles();
    List<String> undocumented = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Schema schema : schemas) {
      collectUndocumentedFields(schema, undocumented, seen);
    }

    assertThat(schemas).hasSizeGreaterThanOrEqualTo(3);
    assertThat(seen).contains("Telemetry", "SocEstimate", "DeadLetter");
    assertThat(undocumented).isEmpty();
  }

  @Test
  void generatedClassesCarryTheDocs() {
    for (Schema schema :
        List.of(
            Telemetry.getClassSchema(),
            SocEstimate.getClassSchema(),
            DeadLetter.getClassSchema())) {
      assertThat(schema.getFields())
          .allSatisfy(field -> assertThat(field.doc()).as(field.name()).isNotBlank());
    }
  }

  @Test
  void everyTimestampFieldSaysItsEpochAndUnit() throws IOException {
    List<String> timestampDocs = new ArrayList<>();
    for (Schema schema : parseAllSchemaFiles()) {
      for (Schema.Field field : schema.getFields()) {
        if (isTimestampMillis(field.schema())) {
          timestampDocs.add(field.doc());
        }
      }
    }

    assertThat(timestampDocs)
        .hasSizeGreaterThanOrEqualTo(6)
        .allSatisfy(doc -> assertThat(doc).contains("epoch milliseconds"));
  }

  @Test
  void telemetryCurrentDocStatesTheSignConvention() {
    String doc = Telemetry.getClassSchema().getField("current_a").doc();

    assertThat(doc).contains("NEGATIVE = discharge").contains("positive = charge");
  }

  @Test
  void telemetryDocsSayTheValuesAreOneCellsAndNameThePackSettings() {
    Schema telemetry = Telemetry.getClassSchema();

    assertThat(telemetry.getDoc()).contains("ONE CELL").contains("LG 18650HG2");
    assertThat(telemetry.getField("voltage_v").doc())
        .contains("one cell")
        .contains("soc.pack.series");
    assertThat(telemetry.getField("current_a").doc())
        .contains("one cell")
        .contains("soc.pack.parallel");
  }

  private static List<Schema> parseAllSchemaFiles() throws IOException {
    List<Schema> schemas = new ArrayList<>();
    try (Stream<Path> files = Files.list(AVRO_DIR)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
        schemas.add(new Schema.Parser().parse(file.toFile()));
      }
    }
    return schemas;
  }

  private static void collectUndocumentedFields(
      Schema schema, List<String> undocumented, Set<String> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (!seen.add(schema.getName())) {
          return;
        }
        for (Schema.Field field : schema.getFields()) {
          if (field.doc() == null || field.doc().isBlank()) {
            undocumented.add(schema.getName() + "." + field.name());
          }
          collectUndocumentedFields(field.schema(), undocumented, seen);
        }
      }
      case UNION ->
          schema.getTypes().forEach(t -> collectUndocumentedFields(t, undocumented, seen));
      case ARRAY -> collectUndocumentedFields(schema.getElementType(), undocumented, seen);
      case MAP -> collectUndocumentedFields(schema.getValueType(), undocumented, seen);
      default -> {}
    }
  }

  private static boolean isTimestampMillis(Schema schema) {
    if (schema.getType() == Schema.Type.UNION) {
      return schema.getTypes().stream().anyMatch(SchemaDocumentationTest::isTimestampMillis);
    }
    return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis;
  }
}
