package dev.loggardener.jobs;

import com.google.api.client.util.Data;
import com.google.api.services.bigquery.model.TableCell;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns rows of the BigQuery REST API ({@code f}/{@code v} cells) into column maps keyed by column
 * name: RECORD to map, REPEATED to list, TIMESTAMP (seconds since the epoch as text) to {@link
 * Instant}, INTEGER to Long, FLOAT to Double, BOOLEAN to Boolean, everything else as text.
 */
final class BigQueryRows {
  private BigQueryRows() {}

  static Map<String, Object> columns(TableSchema schema, TableRow row) {
    return record(schema.getFields(), row.getF());
  }

  private static Map<String, Object> record(List<TableFieldSchema> fields, List<?> cells) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      TableFieldSchema field = fields.get(i);
      out.put(field.getName(), value(field, cellValue(cells.get(i)), true));
    }
    return out;
  }

  private static Object cellValue(Object cell) {
    if (cell instanceof TableCell tableCell) {
      return tableCell.getV();
    }
    if (cell instanceof Map<?, ?> map) {
      return map.get("v");
    }
    throw new IllegalArgumentException("unexpected BigQuery cell " + cell);
  }

  private static Object value(TableFieldSchema field, Object value, boolean whole) {
    if (value == null || Data.isNull(value)) {
      return null;
    }
    if (whole && "REPEATED".equals(field.getMode())) {
      List<Object> list = new ArrayList<>();
      for (Object item : (List<?>) value) {
        list.add(value(field, cellValue(item), false));
      }
      return list;
    }
    String type = field.getType();
    if (type.equals("RECORD") || type.equals("STRUCT")) {
      return record(field.getFields(), (List<?>) ((Map<?, ?>) value).get("f"));
    }
    String text = value.toString();
    return switch (type) {
      case "TIMESTAMP" -> timestamp(text);
      case "INTEGER", "INT64" -> Long.parseLong(text);
      case "FLOAT", "FLOAT64" -> Double.parseDouble(text);
      case "BOOLEAN", "BOOL" -> Boolean.parseBoolean(text);
      default -> text;
    };
  }

  /** BigQuery's JSON timestamps: seconds since the epoch, with up to six decimals. */
  static Instant timestamp(String text) {
    BigDecimal micros = new BigDecimal(text).movePointRight(6).setScale(0, RoundingMode.HALF_EVEN);
    long value = micros.longValueExact();
    return Instant.ofEpochSecond(
        Math.floorDiv(value, 1_000_000), Math.floorMod(value, 1_000_000) * 1000L);
  }
}
