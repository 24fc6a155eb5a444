package dev.loggardener.store;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a column map into JDBC parameters for {@link DuckDbStore}'s insert statement, checking
 * names, required values and types first so that a bad row fails before anything is written.
 *
 * <p>Timestamps are bound as RFC 3339 text and cast; LIST and STRUCT values are bound as JSON text
 * and cast, which DuckDB's JDBC driver handles reliably for every nesting.
 */
final class ColumnValues {
  private static final Gson JSON = new GsonBuilder().serializeNulls().create();

  private ColumnValues() {}

  static Object[] bind(TableSchema schema, Map<String, Object> row) {
    for (String key : row.keySet()) {
      if (schema.columns().stream().noneMatch(c -> c.name().equals(key))) {
        throw new IllegalArgumentException(
            "table " + schema.table() + " has no column '" + key + "'");
      }
    }
    Object[] values = new Object[schema.columns().size()];
    for (int i = 0; i < values.length; i++) {
      TableSchema.Column column = schema.columns().get(i);
      Object value = row.get(column.name());
      String where = schema.table() + "." + column.name();
      if (value == null) {
        if (column.required()) {
          throw new IllegalArgumentException(where + " is required");
        }
        continue;
      }
      values[i] =
          column.nested() ? JSON.toJson(plain(column, value, where)) : scalar(column, value, where);
    }
    return values;
  }

  private static Object scalar(TableSchema.Column column, Object value, String where) {
    return switch (column.type()) {
      case "STRING" -> expect(String.class, value, where);
      case "INTEGER", "INT64" -> {
        if (value instanceof Long || value instanceof Integer) {
          yield ((Number) value).longValue();
        }
        throw wrongType(where, "Long or Integer", value);
      }
      case "FLOAT", "FLOAT64" -> {
        if (value instanceof Double || value instanceof Float) {
          yield ((Number) value).doubleValue();
        }
        throw wrongType(where, "Double or Float", value);
      }
      case "BOOLEAN", "BOOL" -> expect(Boolean.class, value, where);
      case "TIMESTAMP" -> expect(Instant.class, value, where).toString();
      case "BYTES" -> expect(byte[].class, value, where);
      default -> throw new IllegalArgumentException(where + " has unsupported type");
    };
  }

  /** The value as JSON-ready plain data: lists, string-keyed maps, strings, numbers, booleans. */
  private static Object plain(TableSchema.Column column, Object value, String where) {
    if (column.repeated()) {
      if (!(value instanceof List<?> list)) {
        throw wrongType(where, "List", value);
      }
      TableSchema.Column element =
          new TableSchema.Column(column.name(), column.type(), "NULLABLE", column.fields());
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        if (item == null) {
          throw new IllegalArgumentException(where + "[" + i + "] is null");
        }
        out.add(plain(element, item, where + "[" + i + "]"));
      }
      return out;
    }
    if (column.type().equals("RECORD") || column.type().equals("STRUCT")) {
      if (!(value instanceof Map<?, ?> map)) {
        throw wrongType(where, "Map", value);
      }
      for (Object key : map.keySet()) {
        if (column.fields().stream().noneMatch(f -> f.name().equals(key))) {
          throw new IllegalArgumentException(where + " has no field '" + key + "'");
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (TableSchema.Column field : column.fields()) {
        Object fieldValue = map.get(field.name());
        String fieldWhere = where + "." + field.name();
        if (fieldValue == null) {
          if (field.required()) {
            throw new IllegalArgumentException(fieldWhere + " is required");
          }
          out.put(field.name(), null);
        } else {
          out.put(field.name(), plain(field, fieldValue, fieldWhere));
        }
      }
      return out;
    }
    if (column.type().equals("BYTES")) {
      throw new IllegalArgumentException(where + ": BYTES inside LIST or STRUCT is not supported");
    }
    return scalar(column, value, where);
  }

  private static <T> T expect(Class<T> type, Object value, String where) {
    if (!type.isInstance(value)) {
      throw wrongType(where, type.getSimpleName(), value);
    }
    return type.cast(value);
  }

  private static IllegalArgumentException wrongType(String where, String expected, Object value) {
    return new IllegalArgumentException(
        where + " must be " + expected + ", got " + value.getClass().getSimpleName());
  }
}
