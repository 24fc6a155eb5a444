package dev.loggardener.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbStoreTest {
  private static final Instant T = Instant.parse("2026-11-28T10:15:30.123456Z");

  @TempDir Path dir;

  private static Map<String, Object> issueRow(String fingerprint, long count) {
    Map<String, Object> row = new HashMap<>();
    row.put("window_start", Instant.parse("2026-11-28T10:15:00Z"));
    row.put("window_end", Instant.parse("2026-11-28T10:16:00Z"));
    row.put("fingerprint", fingerprint);
    row.put("rule_set_version", "7");
    row.put("template", "Auth unreachable after <NUM>s");
    row.put("resource_type", "cloud_run_revision");
    row.put("service", "backend");
    row.put("logger", "app.auth");
    row.put("max_severity", "ERROR");
    row.put("max_severity_number", 500);
    row.put("entry_count", count);
    row.put("first_seen", T);
    row.put("last_seen", T.plusSeconds(20));
    row.put("pane_timing", "ON_TIME");
    row.put("pane_index", 0L);
    row.put(
        "examples",
        List.of(Map.of("message", "Auth unreachable after 0.51s", "timestamp", T, "trace", "abc")));
    row.put("versions", List.of("backend-00042"));
    row.put("instances", List.of());
    row.put("source_locations", List.of(Map.of("file", "auth.py", "line", 328L)));
    row.put("http_status_classes", List.of(Map.of("status_class", "5xx", "entry_count", 3L)));
    row.put("trace_ids", List.of("abc", "def"));
    row.put("processed_at", T.plusSeconds(90));
    return row;
  }

  @Test
  void createsTablesAndReadsBackEveryColumnType() throws Exception {
    Path file = dir.resolve("types.duckdb");
    Map<String, Object> row = new HashMap<>();
    row.put("s", "héllo 🚨 'quoted' \"double\"");
    row.put("i", 42);
    row.put("f", 2.5d);
    row.put("b", true);
    row.put("t", T);
    row.put("y", new byte[] {0, 1, (byte) 0xff});
    row.put("r", Map.of("n", 7L, "at", T));
    row.put("ls", List.of("a", "b\"c"));
    row.put("lr", List.of(Map.of("k", "x", "inner", List.of(1.5d, 2.0d), "ok", false)));
    try (DuckDbStore store = DuckDbStore.open(file, false, List.of("every_type"))) {
      store.insert("every_type", List.of(row, Map.of("s", "only required")));
    }
    try (DuckDbStore store = DuckDbStore.open(file, false, List.of("every_type"));
        Statement statement = store.connection().createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT s, i, f, b, epoch_us(t), y, r.n, epoch_us(r.at), ls, to_json(lr) "
                    + "FROM every_type ORDER BY s")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("héllo 🚨 'quoted' \"double\"");
      assertThat(rs.getLong(2)).isEqualTo(42);
      assertThat(rs.getDouble(3)).isEqualTo(2.5);
      assertThat(rs.getBoolean(4)).isTrue();
      assertThat(rs.getLong(5)).isEqualTo(micros(T));
      assertThat(rs.getBytes(6)).containsExactly(0, 1, 0xff);
      assertThat(rs.getLong(7)).isEqualTo(7);
      assertThat(rs.getLong(8)).isEqualTo(micros(T));
      assertThat((Object[]) rs.getArray(9).getArray()).containsExactly("a", "b\"c");
      assertThat(rs.getString(10)).isEqualTo("[{\"k\":\"x\",\"inner\":[1.5,2.0],\"ok\":false}]");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("only required");
      assertThat(rs.getObject(2)).isNull();
      assertThat(rs.getObject(9)).isNull();
      assertThat(rs.next()).isFalse();
    }
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
  }

  @Test
  void storesIssueWindowsAndDeadLettersAndKeepsThemAfterReopening() throws Exception {
    Path file = dir.resolve("store.duckdb");
    try (DuckDbStore store = DuckDbStore.open(file)) {
      store.insert(
          "issue_windows", List.of(issueRow("a".repeat(64), 3), issueRow("a".repeat(64), 4)));
      store.insert(
          "dead_letters",
          List.of(
              Map.of(
                  "raw_payload",
                  "{not json".getBytes(StandardCharsets.UTF_8),
                  "attributes",
                  List.of(Map.of("key", "k", "value", "v")),
                  "stage",
                  "parse",
                  "reason",
                  "not_json",
                  "processing_time",
                  T,
                  "rule_set_version",
                  "7")));
    }
    try (DuckDbStore store = DuckDbStore.openReadOnly(file);
        Statement statement = store.connection().createStatement()) {
      ResultSet catalog =
          statement.executeQuery(
              "SELECT fingerprint, template, total_count, pane_count, service, rule_set_version,"
                  + " first_seen = TIMESTAMPTZ '2026-11-28 10:15:30.123456+00' FROM fingerprint_catalog");
      assertThat(catalog.next()).isTrue();
      assertThat(catalog.getString(1)).isEqualTo("a".repeat(64));
      assertThat(catalog.getString(2)).isEqualTo("Auth unreachable after <NUM>s");
      assertThat(catalog.getLong(3)).isEqualTo(7);
      assertThat(catalog.getLong(4)).isEqualTo(2);
      assertThat(catalog.getString(5)).isEqualTo("backend");
      assertThat(catalog.getString(6)).isEqualTo("7");
      assertThat(catalog.getBoolean(7)).isTrue();
      ResultSet dead =
          statement.executeQuery(
              "SELECT raw_payload, attributes[1].value, reason FROM dead_letters");
      assertThat(dead.next()).isTrue();
      assertThat(new String(dead.getBytes(1), StandardCharsets.UTF_8)).isEqualTo("{not json");
      assertThat(dead.getString(2)).isEqualTo("v");
      assertThat(dead.getString(3)).isEqualTo("not_json");
    }
  }

  @Test
  void insertsEveryRowOfABatchLongerThanOneStatement() throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 1; i <= 130; i++) {
      rows.add(issueRow(String.format("%064d", i), i));
    }
    try (DuckDbStore store = DuckDbStore.open(dir.resolve("store.duckdb"))) {
      store.insert("issue_windows", rows);
      try (Statement statement = store.connection().createStatement();
          ResultSet totals =
              statement.executeQuery(
                  "SELECT count(*), count(DISTINCT fingerprint), sum(entry_count)"
                      + " FROM issue_windows")) {
        assertThat(totals.next()).isTrue();
        assertThat(totals.getLong(1)).isEqualTo(130);
        assertThat(totals.getLong(2)).isEqualTo(130);
        assertThat(totals.getLong(3)).isEqualTo(130L * 131 / 2);
      }
    }
  }

  @Test
  void rollsBackTheWholeBatchWhenOneRowIsInvalid() throws Exception {
    Path file = dir.resolve("store.duckdb");
    try (DuckDbStore store = DuckDbStore.open(file)) {
      Map<String, Object> bad = issueRow("b".repeat(64), 1);
      bad.remove("template");
      assertThatThrownBy(
              () -> store.insert("issue_windows", List.of(issueRow("c".repeat(64), 1), bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("issue_windows.template is required");
      assertThat(count(store, "issue_windows")).isZero();
    }
  }

  @Test
  void rejectsUnknownTablesColumnsAndWrongTypes() throws Exception {
    try (DuckDbStore store = DuckDbStore.open(dir.resolve("store.duckdb"))) {
      Map<String, Object> extra = issueRow("d".repeat(64), 1);
      extra.put("colour", "red");
      Map<String, Object> wrongType = issueRow("d".repeat(64), 1);
      wrongType.put("entry_count", "1");
      Map<String, Object> wrongField = issueRow("d".repeat(64), 1);
      wrongField.put("examples", List.of(Map.of("text", "x")));
      assertThatThrownBy(() -> store.insert("nope", List.of()))
          .hasMessageStartingWith("unknown table 'nope'");
      assertThatThrownBy(() -> store.insert("issue_windows", List.of(extra)))
          .hasMessage("table issue_windows has no column 'colour'");
      assertThatThrownBy(() -> store.insert("issue_windows", List.of(wrongType)))
          .hasMessage("issue_windows.entry_count must be Long or Integer, got String");
      assertThatThrownBy(() -> store.insert("issue_windows", List.of(wrongField)))
          .hasMessage("issue_windows.examples[0] has no field 'text'");
    }
  }

  @Test
  void sharesOneDatabasePerFileAndSerializesConcurrentInserts() throws Exception {
    Path file = dir.resolve("store.duckdb");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (DuckDbStore first = DuckDbStore.open(file);
        DuckDbStore second = DuckDbStore.open(dir.resolve(".").resolve("store.duckdb"))) {
      List<Future<?>> writes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        DuckDbStore store = i % 2 == 0 ? first : second;
        writes.add(
            pool.submit(
                () -> {
                  store.insert("issue_windows", List.of(issueRow("e".repeat(64), 1)));
                  return null;
                }));
      }
      for (Future<?> write : writes) {
        write.get();
      }
      assertThat(count(first, "issue_windows")).isEqualTo(8);
      assertThat(count(second, "issue_windows")).isEqualTo(8);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void readsThroughTheWritersDatabaseWhileItIsOpenAndRefusesInsertsWhenReadOnly() throws Exception {
    Path file = dir.resolve("store.duckdb");
    try (DuckDbStore writer = DuckDbStore.open(file);
        DuckDbStore reader = DuckDbStore.openReadOnly(file)) {
      writer.insert("issue_windows", List.of(issueRow("f".repeat(64), 1)));
      assertThat(count(reader, "issue_windows")).isEqualTo(1);
    }
    try (DuckDbStore reader = DuckDbStore.openReadOnly(file)) {
      assertThatThrownBy(() -> reader.insert("issue_windows", List.of()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageEndingWith("is open read-only");
      assertThatThrownBy(() -> DuckDbStore.open(file))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageEndingWith("is already open read-only in this process");
    }
  }

  @Test
  void refusesToOpenAMissingFileReadOnly() {
    assertThatThrownBy(() -> DuckDbStore.openReadOnly(dir.resolve("missing.duckdb")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no DuckDB store at ");
  }

  private static long count(DuckDbStore store, String table) throws SQLException {
    try (Statement statement = store.connection().createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
