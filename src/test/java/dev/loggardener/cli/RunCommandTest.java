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

  /** One ERROR entry on a given day of November 2026: id, day, minute, milliseconds. */
  private static final String DAY_ENTRY =
      ENTRY.replace("2026-11-27T10:%02d:00Z", "2026-11-%02dT10:%02d:00Z");

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

  private int run(String... args) throws Exception {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** Three days of one error, once a day at 10:00, the last day also at 10:05. */
  private Path threeDays() throws Exception {
    Path input = dir.resolve("week.ndjson");
    Files.writeString(
        input,
        String.join(
            "\n",
            String.format(DAY_ENTRY, "d1", 25, 0, 100),
            String.format(DAY_ENTRY, "d2", 26, 0, 200),
            String.format(DAY_ENTRY, "d3", 27, 0, 300),
            String.format(DAY_ENTRY, "d4", 27, 5, 400),
            ""));
    return input;
  }

  @Test
  void writesTheWorklogOfTheLastDayOfAMultiDayInputAgainstTheDayBefore() throws Exception {
    Path worklog = dir.resolve("last.md");

    int status =
        run(
            "run",
            "--input",
            threeDays().toString(),
            "--store",
            dir.resolve("g.duckdb").toString(),
            "--worklog",
            worklog.toString());

    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "worklog of the last 24 hours of the input (2026-11-26T11:00:00Z to"
                + " 2026-11-27T11:00:00Z), compared with the PT24H before: 1 problems");
    String md = Files.readString(worklog);
    assertThat(md)
        .contains("**Compared With:** the previous 24 hours")
        .contains("**Frequency:** 2 occurrences, rising (+100% vs 1)")
        .contains("**Hourly:** ");
  }

  @Test
  void writesTheWorklogOfTheWholeInputWithDailySparklines() throws Exception {
    Path worklog = dir.resolve("whole.md");

    int status =
        run(
            "run",
            "--input",
            threeDays().toString(),
            "--store",
            dir.resolve("g.duckdb").toString(),
            "--worklog",
            worklog.toString(),
            "--whole-input");

    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("worklog of the whole input (2026-11-25T10:00:00Z to 2026-11-27T11:00:00Z)");
    String md = Files.readString(worklog);
    assertThat(md)
        .contains("**Baseline:** none")
        .contains("**Frequency:** 4 occurrences, no baseline")
        .contains("**Daily:** `▅▅█`");
  }

  @Test
  void refusesHalfAPeriodOrAPeriodWithTheWholeInputBeforeReadingAnything() throws Exception {
    Path input = threeDays();
    Path store = dir.resolve("never.duckdb");

    assertThat(
            run(
                "run",
                "--input",
                input.toString(),
                "--store",
                store.toString(),
                "--from",
                "2026-11-26T00:00:00Z"))
        .isNotZero();
    assertThat(
            run(
                "run",
                "--input",
                input.toString(),
                "--store",
                store.toString(),
                "--from",
                "2026-11-26T00:00:00Z",
                "--to",
                "2026-11-27T00:00:00Z",
                "--whole-input"))
        .isNotZero();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--from and --to go together")
        .contains("give either --whole-input or --from and --to");
    assertThat(store).doesNotExist();
  }
}
