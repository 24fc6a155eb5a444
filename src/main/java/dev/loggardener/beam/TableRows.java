package dev.loggardener.beam;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;

/**
 * Turns the {@code sink} column maps into BigQuery {@link TableRow}s, and loads the table schemas
 * from the classpath copy of {@code deploy/bigquery/*.json}.
 */
public final class TableRows {
  private TableRows() {}

  /** The schema of a table, from {@code schemas/TABLE.json}. */
  public static TableSchema schema(String table) {
    String resource = "schemas/" + table + ".json";
    try (InputStream in = TableRows.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no table schema " + resource + " on the classpath");
      }
      String fields = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return BigQueryHelpers.fromJsonString("{\"fields\": " + fields + "}", TableSchema.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The row for a column map: timestamps as RFC 3339 strings, bytes as base64, records as nested
   * rows; both the Storage Write API and streaming inserts accept these forms.
   */
  static TableRow of(Map<String, Object> columns) {
    TableRow row = new TableRow();
    columns.forEach((name, value) -> row.set(name, value(value)));
    return row;
  }

  private static Object value(Object value) {
    if (value instanceof Instant instant) {
      return instant.toString();
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Map<?, ?> map) {
      TableRow nested = new TableRow();
      map.forEach((k, v) -> nested.set((String) k, value(v)));
      return nested;
    }
    if (value instanceof List<?> list) {
      List<Object> items = new ArrayList<>(list.size());
      list.forEach(item -> items.add(value(item)));
      return items;
    }
    return value;
  }
}
