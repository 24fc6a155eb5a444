package dev.loggardener.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.loggardener.aggregate.AggregationLimits;
import dev.loggardener.aggregate.IssueAccumulator;
import dev.loggardener.aggregate.IssueWindow;
import dev.loggardener.aggregate.Observations;
import dev.loggardener.aggregate.PaneTiming;
import dev.loggardener.logentry.Severity;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RowMapperTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  private static JsonArray schema(String table) throws Exception {
    try (InputStream in =
        RowMapperTest.class.getClassLoader().getResourceAsStream("schemas/" + table + ".json")) {
      assertThat(in).as("schemas/%s.json on the classpath", table).isNotNull();
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .getAsJsonArray();
    }
  }

  /** Every column is declared in the schema, and every REQUIRED column is present. */
  private static void assertMatchesSchema(Map<String, Object> row, JsonArray fields) {
    for (String column : row.keySet()) {
      assertThat(find(fields, column)).as("column %s in schema", column).isNotNull();
    }
    for (JsonElement element : fields) {
      JsonObject field = element.getAsJsonObject();
      String name = field.get("name").getAsString();
      String mode = field.get("mode").getAsString();
      if (mode.equals("REQUIRED")) {
        assertThat(row).as("required column %s", name).containsKey(name);
      }
      Object value = row.get(name);
      if (value == null) {
        continue;
      }
      if (mode.equals("REPEATED")) {
        assertThat(value).as(name).isInstanceOf(List.class);
        if (field.get("type").getAsString().equals("RECORD")) {
          for (Object item : (List<?>) value) {
            @SuppressWarnings("unchecked")
            Map<String, Object> record = (Map<String, Object>) item;
            assertMatchesSchema(record, field.getAsJsonArray("fields"));
          }
        }
        continue;
      }
      Class<?> expected =
          switch (field.get("type").getAsString()) {
            case "STRING" -> String.class;
            case "INTEGER" -> Long.class;
            case "TIMESTAMP" -> Instant.class;
            case "BYTES" -> byte[].class;
            default -> Object.class;
          };
      assertThat(value).as(name).isInstanceOf(expected);
    }
  }

  private static JsonObject find(JsonArray fields, String name) {
    for (JsonElement element : fields) {
      if (element.getAsJsonObject().get("name").getAsString().equals(name)) {
        return element.getAsJsonObject();
      }
    }
    return null;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 40})
  void issueWindowRowsMatchTheTableSchema(int entries) throws Exception {
    IssueAccumulator acc = new IssueAccumulator(AggregationLimits.defaults());
    for (int i = 0; i < entries; i++) {
      acc.add(
          Observations.of("f", "m" + i, T0.plusSeconds(i), Severity.WARNING, 500 + (i % 2) * 100));
    }
    IssueWindow window =
        new IssueWindow(acc.toAggregate(), T0, T0.plusSeconds(60), PaneTiming.ON_TIME, 0);

    Map<String, Object> row = IssueWindowRowMapper.toColumns(window, T0.plusSeconds(61));

    assertMatchesSchema(row, schema(IssueWindowRowMapper.TABLE));
    assertThat(row.get("entry_count")).isEqualTo((long) entries);
    assertThat(row.get("max_severity")).isEqualTo("WARNING");
    assertThat(row.get("max_severity_number")).isEqualTo(400L);
  }

  @Test
  void deadLetterRowsMatchTheTableSchemaAndKeepThePayloadBytes() throws Exception {
    byte[] payload = {(byte) 0xff, 0x00, '{'};
    DeadLetter letter =
        new DeadLetter(
            payload,
            Map.of("b", "2", "a", "1"),
            "m-1",
            DeadLetter.Stage.PARSE,
            "invalid_utf8",
            null,
            "bad byte at 0",
            null,
            null,
            T0,
            "rules-v1");

    Map<String, Object> row = DeadLetterRowMapper.toColumns(letter);

    assertMatchesSchema(row, schema(DeadLetterRowMapper.TABLE));
    assertThat((byte[]) row.get("raw_payload")).containsExactly(payload);
    assertThat(row.get("attributes"))
        .isEqualTo(List.of(Map.of("key", "a", "value", "1"), Map.of("key", "b", "value", "2")));
    assertThat(row.get("stage")).isEqualTo("parse");
  }

  @Test
  void deadLettersWithEqualBytesAreEqual() {
    DeadLetter a = letter(new byte[] {1, 2}, "too_late");
    assertThat(a).isEqualTo(letter(new byte[] {1, 2}, "too_late"));
    assertThat(a).isNotEqualTo(letter(new byte[] {1, 3}, "too_late"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Too Late", "1abc", "not-json"})
  void rejectsReasonsThatAreNotSnakeCaseCodes(String reason) {
    assertThatThrownBy(() -> letter(new byte[0], reason))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void truncatesLongStackTraces() {
    Exception deep = new IllegalStateException("x".repeat(10_000));
    assertThat(DeadLetter.truncatedStackTrace(deep))
        .hasSizeLessThan(DeadLetter.MAX_STACK_TRACE_CHARS + 100)
        .endsWith("(truncated)");
  }

  private static DeadLetter letter(byte[] payload, String reason) {
    return new DeadLetter(
        payload,
        Map.of(),
        null,
        DeadLetter.Stage.AGGREGATE,
        reason,
        null,
        null,
        null,
        T0,
        T0,
        "rules-v1");
  }
}
