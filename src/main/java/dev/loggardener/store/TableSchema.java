package dev.loggardener.store;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A table's columns as declared in a BigQuery schema JSON file ({@code schemas/NAME.json} on the
 * classpath), and their DuckDB types.
 *
 * <p>Mapping: STRING→VARCHAR, INTEGER→BIGINT, FLOAT→DOUBLE, BOOLEAN→BOOLEAN, TIMESTAMP→TIMESTAMPTZ,
 * BYTES→BLOB, RECORD→STRUCT, mode REPEATED→LIST ({@code T[]}).
 */
public record TableSchema(String table, List<Column> columns) {

  /** One column of a table, possibly with nested fields (RECORD). */
  public record Column(String name, String type, String mode, List<Column> fields) {
    public Column {
      Objects.requireNonNull(name, "name");
      type = Objects.requireNonNull(type, "type").toUpperCase(Locale.ROOT);
      mode = mode == null ? "NULLABLE" : mode.toUpperCase(Locale.ROOT);
      fields = List.copyOf(fields);
      if (type.equals("RECORD") && fields.isEmpty()) {
        throw new IllegalArgumentException("RECORD column " + name + " has no fields");
      }
    }

    public boolean repeated() {
      return mode.equals("REPEATED");
    }

    public boolean required() {
      return mode.equals("REQUIRED");
    }

    /** Whether the value is bound as JSON text and cast, because it is a LIST or STRUCT. */
    public boolean nested() {
      return repeated() || type.equals("RECORD");
    }

    /** The DuckDB type of this column, including LIST and STRUCT wrappers. */
    public String duckDbType() {
      String base =
          switch (type) {
            case "STRING" -> "VARCHAR";
            case "INTEGER", "INT64" -> "BIGINT";
            case "FLOAT", "FLOAT64" -> "DOUBLE";
            case "BOOLEAN", "BOOL" -> "BOOLEAN";
            case "TIMESTAMP" -> "TIMESTAMPTZ";
            case "BYTES" -> "BLOB";
            case "RECORD", "STRUCT" -> structType();
            default ->
                throw new IllegalArgumentException(
                    "column " + name + " has unsupported type " + type);
          };
      return repeated() ? base + "[]" : base;
    }

    private String structType() {
      List<String> parts = new ArrayList<>();
      for (Column field : fields) {
        parts.add(quote(field.name()) + " " + field.duckDbType());
      }
      return "STRUCT(" + String.join(", ", parts) + ")";
    }
  }

  public TableSchema {
    Objects.requireNonNull(table, "table");
    columns = List.copyOf(columns);
  }

  /** Loads {@code schemas/TABLE.json} from the classpath. */
  public static TableSchema load(String table) {
    String resource = "schemas/" + table + ".json";
    InputStream in = TableSchema.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalArgumentException(
          "no schema for table '" + table + "' (missing classpath resource " + resource + ")");
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return new TableSchema(table, columns(JsonParser.parseReader(reader).getAsJsonArray()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Column> columns(JsonArray array) {
    List<Column> columns = new ArrayList<>();
    for (JsonElement element : array) {
      JsonObject object = element.getAsJsonObject();
      columns.add(
          new Column(
              object.get("name").getAsString(),
              object.get("type").getAsString(),
              object.has("mode") ? object.get("mode").getAsString() : null,
              object.has("fields") ? columns(object.getAsJsonArray("fields")) : List.of()));
    }
    return columns;
  }

  /** The {@code CREATE TABLE IF NOT EXISTS} statement for DuckDB. */
  public String createStatement() {
    List<String> parts = new ArrayList<>();
    for (Column column : columns) {
      parts.add(
          "  "
              + quote(column.name())
              + " "
              + column.duckDbType()
              + (column.required() ? " NOT NULL" : ""));
    }
    return "CREATE TABLE IF NOT EXISTS "
        + quote(table)
        + " (\n"
        + String.join(",\n", parts)
        + "\n)";
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
