package dev.loggardener.sink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps a {@link DeadLetter} to a {@code dead_letters} column map (deploy/bigquery schema). */
public final class DeadLetterRowMapper {
  /** The table name, which is also the schema file's base name. */
  public static final String TABLE = "dead_letters";

  private DeadLetterRowMapper() {}

  /** The row for one dead letter; null fields are left out, attributes sorted by key. */
  public static Map<String, Object> toColumns(DeadLetter d) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("raw_payload", d.rawPayload().clone());
    List<Map<String, Object>> attributes = new ArrayList<>();
    d.attributes()
        .forEach(
            (key, value) -> {
              Map<String, Object> attribute = new LinkedHashMap<>();
              attribute.put("key", key);
              if (value != null) {
                attribute.put("value", value);
              }
              attributes.add(attribute);
            });
    row.put("attributes", attributes);
    putIfPresent(row, "message_id", d.messageId());
    row.put("stage", d.stage().code());
    row.put("reason", d.reason());
    putIfPresent(row, "error_class", d.errorClass());
    putIfPresent(row, "error_message", d.errorMessage());
    putIfPresent(row, "stack_trace", d.stackTrace());
    putIfPresent(row, "event_time", d.eventTime());
    row.put("processing_time", d.processingTime());
    row.put("rule_set_version", d.ruleSetVersion());
    return row;
  }

  static void putIfPresent(Map<String, Object> row, String column, Object value) {
    if (value != null) {
      row.put(column, value);
    }
  }
}
