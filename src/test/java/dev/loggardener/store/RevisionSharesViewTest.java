package dev.loggardener.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysts' {@code revision_shares} view, run unchanged on DuckDB (only the BigQuery table path
 * is replaced by the local table name): a regression planted in one new revision is found as
 * suspect, one spread over every revision is not.
 */
class RevisionSharesViewTest {
  private static final Path VIEW = Path.of("deploy/bigquery/views/revision_shares.sql");
  private static final String OLD = "payments-00041-old";
  private static final String BAD = "payments-00042-bad";

  @TempDir Path dir;

  private static Map<String, Object> pane(
      String fingerprint, long count, String at, String... versions) {
    Instant first = Instant.parse(at);
    Instant start = first.minusSeconds(first.getEpochSecond() % 60);
    Map<String, Object> row = new HashMap<>();
    row.put("window_start", start);
    row.put("window_end", start.plusSeconds(60));
    row.put("fingerprint", fingerprint);
    row.put("rule_set_version", "7");
    row.put("template", fingerprint);
    row.put("resource_type", "cloud_run_revision");
    row.put("service", "payments");
    row.put("max_severity", "ERROR");
    row.put("max_severity_number", 500);
    row.put("entry_count", count);
    row.put("first_seen", first);
    row.put("last_seen", first.plusSeconds(10));
    row.put("pane_timing", "ON_TIME");
    row.put("pane_index", 0L);
    row.put("examples", List.of());
    row.put("versions", List.of(versions));
    row.put("instances", List.of());
    row.put("source_locations", List.of());
    row.put("http_status_classes", List.of());
    row.put("trace_ids", List.of());
    row.put("processed_at", start.plusSeconds(120));
    return row;
  }

  @Test
  void findsTheRevisionARegressionWasPlantedInAndNoneForOneSpreadOverAll() throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int hour = 0; hour < 12; hour++) {
      rows.add(pane("traffic", 50, String.format("2026-11-28T%02d:00:10Z", hour), OLD));
      if (hour >= 8) {
        rows.add(pane("traffic", 50, String.format("2026-11-28T%02d:00:05Z", hour), BAD));
        rows.add(pane("spread", 5, String.format("2026-11-28T%02d:01:30Z", hour), OLD));
        rows.add(pane("spread", 5, String.format("2026-11-28T%02d:02:30Z", hour), BAD));
      }
    }
    for (int minute = 3; minute < 13; minute++) {
      rows.add(pane("regression", 2, String.format("2026-11-28T08:%02d:05Z", minute), BAD));
    }
    rows.add(pane("shared", 7, "2026-11-28T09:30:00Z", OLD, BAD));
    Path file = dir.resolve("views.duckdb");
    Map<String, Map<String, Object>> byKey = new TreeMap<>();
    try (DuckDbStore store = DuckDbStore.open(file)) {
      store.insert("issue_windows", rows);
      String sql =
          Files.readString(VIEW, StandardCharsets.UTF_8)
              .replace("`${project}.${dataset}.issue_windows`", "issue_windows");
      try (Statement statement = store.connection().createStatement();
          ResultSet rs = statement.executeQuery(sql)) {
        while (rs.next()) {
          Map<String, Object> row = new HashMap<>();
          for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
            row.put(rs.getMetaData().getColumnLabel(c), rs.getObject(c));
          }
          byKey.put(rs.getString("fingerprint") + "/" + rs.getString("revision"), row);
        }
      }
    }

    Map<String, Object> regression = byKey.get("regression/" + BAD);
    assertThat(regression.get("suspect_reason")).isEqualTo("only_revision");
    assertThat(((Number) regression.get("share")).doubleValue()).isEqualTo(1.0);
    assertThat(((Number) regression.get("entries")).longValue()).isEqualTo(20);
    assertThat(((Number) regression.get("serving_revisions")).longValue()).isEqualTo(2);
    assertThat(
            Duration.between(
                instant(regression.get("revision_first_entry")),
                instant(regression.get("first_seen_in_revision"))))
        .isEqualTo(Duration.ofMinutes(3));
    assertThat(byKey).doesNotContainKey("regression/" + OLD);
    for (String revision : List.of(OLD, BAD)) {
      Map<String, Object> spread = byKey.get("spread/" + revision);
      assertThat(spread.get("suspect_reason")).isNull();
      assertThat(((Number) spread.get("share")).doubleValue()).isEqualTo(0.5);
    }
    assertThat(byKey.keySet()).noneMatch(key -> key.startsWith("shared/"));
  }

  private static Instant instant(Object value) {
    return value instanceof OffsetDateTime time ? time.toInstant() : (Instant) value;
  }
}
