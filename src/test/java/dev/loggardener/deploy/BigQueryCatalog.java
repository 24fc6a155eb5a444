package dev.loggardener.deploy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.LanguageOptions;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SimpleColumn;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.StructType;
import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLBuiltinFunctionOptions;
import com.google.zetasql.ZetaSQLOptions.ProductMode;
import com.google.zetasql.ZetaSQLType.TypeKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A ZetaSQL catalog holding every table whose BigQuery schema is a {@code *.json} file of {@code
 * deploy/bigquery/}, reachable as BigQuery resolves it: unqualified (the worklog runs with the
 * dataset as default) and as {@code PROJECT.DATASET.TABLE} (the views, after Terraform's {@code
 * templatefile} put in {@link #PROJECT} and {@link #DATASET}).
 */
final class BigQueryCatalog {
  static final Path SCHEMAS = Path.of("deploy/bigquery");
  static final String PROJECT = "my-project";
  static final String DATASET = "log_gardener";

  /** The worklog SQL's named parameters and their BigQuery types, as the sources bind them. */
  static final Map<String, TypeKind> REPORT_PARAMETERS =
      Map.of(
          "from", TypeKind.TYPE_TIMESTAMP,
          "to", TypeKind.TYPE_TIMESTAMP,
          "project", TypeKind.TYPE_STRING);

  private BigQueryCatalog() {}

  /** BigQuery's dialect: GoogleSQL in its external product mode, with every released feature. */
  static LanguageOptions language() {
    LanguageOptions language = new LanguageOptions();
    language.enableMaximumLanguageFeatures();
    language.setSupportsAllStatementKinds();
    language.setProductMode(ProductMode.PRODUCT_EXTERNAL);
    return language;
  }

  /** Analyzer options with the report's parameters declared. */
  static AnalyzerOptions options() {
    AnalyzerOptions options = new AnalyzerOptions();
    options.setLanguageOptions(language());
    REPORT_PARAMETERS.forEach(
        (name, kind) -> options.addQueryParameter(name, TypeFactory.createSimpleType(kind)));
    return options;
  }

  /** The catalog of every schema file, with ZetaSQL's built-in functions. */
  static SimpleCatalog load() throws IOException {
    SimpleCatalog root = new SimpleCatalog("bigquery");
    root.addZetaSQLFunctionsAndTypes(new ZetaSQLBuiltinFunctionOptions(language()));
    SimpleCatalog dataset = root.addNewSimpleCatalog(PROJECT).addNewSimpleCatalog(DATASET);
    for (Path file : schemaFiles()) {
      String name = file.getFileName().toString().replaceFirst("\\.json$", "");
      root.addSimpleTable(table(name, file));
      dataset.addSimpleTable(table(name, file));
      // A backquoted `project.dataset.table` may reach the catalog as one name.
      root.addSimpleTable(PROJECT + "." + DATASET + "." + name, table(name, file));
    }
    return root;
  }

  static List<Path> schemaFiles() throws IOException {
    try (Stream<Path> files = Files.list(SCHEMAS)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static SimpleTable table(String name, Path file) throws IOException {
    JsonArray fields =
        JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonArray();
    List<SimpleColumn> columns = new ArrayList<>();
    for (JsonElement field : fields) {
      JsonObject f = field.getAsJsonObject();
      columns.add(new SimpleColumn(name, f.get("name").getAsString(), type(f, file)));
    }
    return new SimpleTable(name, columns);
  }

  private static Type type(JsonObject field, Path file) {
    String type = field.get("type").getAsString().toUpperCase(Locale.ROOT);
    Type base =
        switch (type) {
          case "STRING" -> TypeFactory.createSimpleType(TypeKind.TYPE_STRING);
          case "BYTES" -> TypeFactory.createSimpleType(TypeKind.TYPE_BYTES);
          case "INTEGER", "INT64" -> TypeFactory.createSimpleType(TypeKind.TYPE_INT64);
          case "FLOAT", "FLOAT64" -> TypeFactory.createSimpleType(TypeKind.TYPE_DOUBLE);
          case "NUMERIC" -> TypeFactory.createSimpleType(TypeKind.TYPE_NUMERIC);
          case "BIGNUMERIC" -> TypeFactory.createSimpleType(TypeKind.TYPE_BIGNUMERIC);
          case "BOOLEAN", "BOOL" -> TypeFactory.createSimpleType(TypeKind.TYPE_BOOL);
          case "TIMESTAMP" -> TypeFactory.createSimpleType(TypeKind.TYPE_TIMESTAMP);
          case "DATE" -> TypeFactory.createSimpleType(TypeKind.TYPE_DATE);
          case "TIME" -> TypeFactory.createSimpleType(TypeKind.TYPE_TIME);
          case "DATETIME" -> TypeFactory.createSimpleType(TypeKind.TYPE_DATETIME);
          case "JSON" -> TypeFactory.createSimpleType(TypeKind.TYPE_JSON);
          case "RECORD", "STRUCT" -> struct(field, file);
          default ->
              throw new IllegalArgumentException(
                  file + ": column " + field.get("name") + " has unknown type " + type);
        };
    boolean repeated =
        field.has("mode") && field.get("mode").getAsString().equalsIgnoreCase("REPEATED");
    return repeated ? TypeFactory.createArrayType(base) : base;
  }

  private static Type struct(JsonObject field, Path file) {
    List<StructType.StructField> members = new ArrayList<>();
    for (JsonElement member : field.getAsJsonArray("fields")) {
      JsonObject m = member.getAsJsonObject();
      members.add(new StructType.StructField(m.get("name").getAsString(), type(m, file)));
    }
    return TypeFactory.createStructType(members);
  }
}
