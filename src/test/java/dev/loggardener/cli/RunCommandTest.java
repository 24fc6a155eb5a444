package dev.loggardener.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}: export file through the local pipeline into DuckDB, then the worklog. */
class RunCommandTest {
  private static final String ENTRY =
      "{\"insertId\":\"%s\",\"logName\":\"projects/p/logs/run.googleapis.com%%2Fstderr\","
          + "\"resource\":{\"type\":\"cloud_run_revision\",\"labels\":{\"service_name\":\"api\","
          + "\"revision_name\":\"api-00001-abc\"}},\"severity\":\"ERROR\","
          + "\"timestamp\":\"2026-11-27T10:%02d:00Z\","
          + "\"textPayload\":\"Database timeout after %d ms\"}";

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void countsTheExportAndWritesTheWorklogBesideIt() throws Exception {
    Path input = dir.resolve("export.ndjson");
    Files.writeString(
        input,
        String.join(
            "\n",
            String.format(ENTRY, "a", 1, 250),
            String.format(ENTRY, "b", 2, 310),
            String.format(ENTRY, "b", 2, 310),
            "not json at all",
            ""));
    Path worklog = dir.resolve("out/day.md");
    Files.createDirectories(worklog.getParent());

    int status =
        Main.run(
            new String[] {
              "run",
              "--input",
              input.toString(),
              "--store",
              dir.resolve("g.duckdb").toString(),
              "--worklog",
              worklog.toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed)
        .contains("read 4 entries: 2 counted")
        .contains("1 dead letters")
        .contains("1 duplicates removed")
        .contains("accounts balance")
        .contains(worklog.toString())
        .contains(dir.resolve("out/day.json").toString());
    assertThat(Files.readString(worklog)).contains("Database timeout after");
    assertThat(Files.readString(dir.resolve("out/day.json"))).contains("\"categories\"");
  }

  @Test
  void keepsTheSameMessageOfTwoProjectsApartFromSinkToWorklog() throws Exception {
    String other =
        String.format(ENTRY, "c", 3, 420)
            .replace("projects/p/logs", "projects/shop-dev/logs")
            .replace("\"labels\":{", "\"labels\":{\"project_id\":\"shop-dev\",");
    Path input = dir.resolve("folder-sink.ndjson");
    Files.writeString(
        input,
        String.join(
            "\n", String.format(ENTRY, "a", 1, 250), String.format(ENTRY, "b", 2, 310), other));
    Path store = dir.resolve("g.duckdb");
    Path worklog = dir.resolve("day.md");

    int status =
        Main.run(
            new String[] {
              "run",
              "--input",
              input.toString(),
              "--store",
              store.toString(),
              "--worklog",
              worklog.toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + store);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT project_id, count(DISTINCT fingerprint), sum(entry_count), min(template)"
                    + " FROM issue_windows GROUP BY project_id ORDER BY project_id")) {
      while (r.next()) {
        rows.add(r.getString(1) + " " + r.getLong(2) + " " + r.getLong(3) + " " + r.getString(4));
      }
    }
    assertThat(rows)
        .containsExactly(
            "p 1 2 Database timeout after <DURATION>",
            "shop-dev 1 1 Database timeout after <DURATION>");
    String md = Files.readString(worklog);
    assertThat(md)
        .startsWith("# Log Gardener Worklog - p, shop-dev\n")
        .contains("**Projects:** p (2 entries), shop-dev (1 entry)");
    assertThat(Files.readString(dir.resolve("day.json")))
        .contains("\"project_id\": \"p\",\n      \"entries\": 2")
        .contains("\"project_id\": \"shop-dev\",\n      \"entries\": 1");
  }
}
