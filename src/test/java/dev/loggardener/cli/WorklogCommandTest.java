package dev.loggardener.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.loggardener.store.DuckDbStore;
import dev.loggardener.worklog.WorklogTestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorklogCommandTest {
  @TempDir Path dir;
  private Path store;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void fillStore() throws Exception {
    store = dir.resolve("netra.duckdb");
    try (DuckDbStore db = DuckDbStore.open(store)) {
      db.insert("issue_windows", WorklogTestData.exampleRows());
    }
  }

  private int run(String... args) {
    WorklogCommand command = new WorklogCommand(Clock.fixed(WorklogTestData.END, ZoneOffset.UTC));
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      return Main.run(args, o, e, List.of(command));
    }
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesTheMarkdownWorklogOfTheLast24Hours() throws Exception {
    Path target = dir.resolve("out/worklog.md");

    int status = run("worklog", "--store", store.toString(), "--out", target.toString());

    assertThat(status).as(err()).isZero();
    String md = Files.readString(target);
    assertThat(md).startsWith("# Log Gardener Worklog - netra-staging\n");
    assertThat(md).contains("**Total Issues Identified:** 7");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "worklog: 7 categories (3 P0, 0 P1) from 2993 entries, 2026-11-27T12:00:00Z to"
                + " 2026-11-28T12:00:00Z, written to "
                + target
                + "\n");
  }

  @Test
  void writesJsonForAJsonFileAndHonoursPeriodAndLimits() throws Exception {
    Path target = dir.resolve("worklog.json");

    int status =
        run(
            "worklog",
            "--store",
            store.toString(),
            "--from",
            "2026-11-28T09:00:00+00:00",
            "--to",
            "2026-11-28T10:00:00Z",
            "--max-detailed",
            "1",
            "--project",
            "netra-staging",
            "--out",
            target.toString());

    assertThat(status).as(err()).isZero();
    String json = Files.readString(target);
    assertThat(json).contains("\"project\": \"netra-staging\"", "\"hours\": 1");
    assertThat(json).contains("\"detailed\": true").contains("\"detailed\": false");
  }

  /** Categories per project in a JSON worklog: every category's messages are of one project. */
  private static Map<String, Integer> categoriesPerProject(Path json, Map<String, String> projectOf)
      throws Exception {
    Map<String, Integer> counts = new TreeMap<>();
    JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    for (JsonElement category : root.getAsJsonArray("categories")) {
      Set<String> projects = new TreeSet<>();
      for (JsonElement message : category.getAsJsonObject().getAsJsonArray("messages")) {
        projects.add(projectOf.get(message.getAsJsonObject().get("fingerprint").getAsString()));
      }
      assertThat(projects).as("projects of one category").hasSize(1);
      counts.merge(projects.iterator().next(), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void keepsTheProjectsOfAnAggregatedSinkApartAndFiltersOnOne() throws Exception {
    Path both = dir.resolve("folder-sink.duckdb");
    Map<String, String> projectOf = new HashMap<>();
    try (DuckDbStore db = DuckDbStore.open(both)) {
      for (List<Map<String, Object>> rows :
          List.of(WorklogTestData.exampleRows(), WorklogTestData.exampleRowsOf("netra-prod"))) {
        db.insert("issue_windows", rows);
        rows.forEach(
            r -> projectOf.put((String) r.get("fingerprint"), (String) r.get("project_id")));
      }
    }
    Path all = dir.resolve("all.json");
    Path allMd = dir.resolve("all.md");
    Path staging = dir.resolve("staging.json");
    Path stagingMd = dir.resolve("staging.md");

    for (Path target : List.of(all, allMd)) {
      assertThat(run("worklog", "--store", both.toString(), "--out", target.toString()))
          .as(err())
          .isZero();
    }
    for (Path target : List.of(staging, stagingMd)) {
      assertThat(
              run(
                  "worklog",
                  "--store",
                  both.toString(),
                  "--project",
                  WorklogTestData.PROJECT,
                  "--out",
                  target.toString()))
          .as(err())
          .isZero();
    }

    Map<String, Integer> perProject = categoriesPerProject(all, projectOf);
    assertThat(perProject).containsOnlyKeys("netra-prod", "netra-staging");
    assertThat(perProject.get("netra-prod")).isEqualTo(perProject.get("netra-staging"));
    assertThat(categoriesPerProject(staging, projectOf))
        .containsExactly(Map.entry("netra-staging", perProject.get("netra-staging")));
    assertThat(Files.readString(allMd))
        .startsWith("# Log Gardener Worklog - netra-prod, netra-staging\n")
        .contains("**Projects:** netra-prod (2993 entries), netra-staging (2993 entries)  \n");
    assertThat(Files.readString(stagingMd))
        .startsWith("# Log Gardener Worklog - netra-staging\n")
        .contains("**Project:** netra-staging  \n")
        .doesNotContain("netra-prod");
    assertThat(Files.readString(staging)).contains("\"project\": \"netra-staging\"");
  }

  @Test
  void refusesAnEmptyProject() {
    assertThat(
            run(
                "worklog",
                "--store",
                store.toString(),
                "--project",
                " ",
                "--out",
                dir.resolve("w.md").toString()))
        .isNotZero();
    assertThat(err()).contains("--project must not be empty");
  }

  @Test
  void endsThePeriodAtTheLatestStoredWindowWhenAsked() throws Exception {
    Path target = dir.resolve("w.md");
    WorklogCommand later =
        new WorklogCommand(Clock.fixed(Instant.parse("2027-03-01T08:30:00Z"), ZoneOffset.UTC));

    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status =
          Main.run(
              new String[] {
                "worklog",
                "--store",
                store.toString(),
                "--end-at-latest",
                "--out",
                target.toString()
              },
              o,
              e,
              List.of(later));
    }

    assertThat(status).as(err()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("2026-11-27T12:00:00Z to 2026-11-28T12:00:00Z");
    assertThat(Files.readString(target)).contains("**Generated:** 2027-03-01 08:30:00 UTC");
  }

  @Test
  void writesTheLocalWorklogOfTheLatestDayForTheRunCommand() throws Exception {
    Path target = dir.resolve("local/worklog.md");

    var worklog =
        WorklogCommand.writeLocal(
            store, target, Clock.fixed(Instant.parse("2027-03-01T08:30:00Z"), ZoneOffset.UTC));

    assertThat(worklog.period().to()).isEqualTo(WorklogTestData.END);
    assertThat(worklog.categories()).hasSize(7);
    assertThat(Files.readString(target)).startsWith("# Log Gardener Worklog - netra-staging\n");
  }

  @Test
  void printsHelp() {
    assertThat(run("worklog", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Usage: log-gardener worklog", "--store", "--hours", "--max-detailed");
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        Arguments.of(List.of("--out", "x.md"), "--store is required; see --help"),
        Arguments.of(List.of("--store", "s.duckdb"), "--out is required; see --help"),
        Arguments.of(
            List.of(
                "--hours", "2", "--from", "2026-11-28T00:00:00Z", "--to", "2026-11-28T01:00:00Z"),
            "give either --hours or --from and --to, not both"),
        Arguments.of(
            List.of("--from", "2026-11-28T00:00:00Z"),
            "--from and --to go together; give both or neither"),
        Arguments.of(
            List.of("--from", "yesterday", "--to", "2026-11-28T01:00:00Z"),
            "--from must be an RFC 3339 time such as 2026-11-28T00:00:00Z, got 'yesterday'"),
        Arguments.of(
            List.of("--from", "2026-11-28T02:00:00Z", "--to", "2026-11-28T01:00:00Z"),
            "--from must be before --to"),
        Arguments.of(List.of("--hours", "0"), "--hours must be between 1 and 8784, got 0"),
        Arguments.of(List.of("--format", "html"), "--format must be md or json, got 'html'"),
        Arguments.of(List.of("--max-detailed", "-1"), "--max-detailed must be between 0 and 10000"),
        Arguments.of(
            List.of("--revision-look-back-hours", "-1"),
            "--revision-look-back-hours must be between 0 and 8784"));
  }

  @ParameterizedTest
  @MethodSource("usageErrors")
  void rejectsABadCommandLineWithOneLine(List<String> flags, String message) {
    List<String> args = new ArrayList<>(List.of("worklog"));
    if (!flags.contains("--store")) {
      args.addAll(List.of("--store", store.toString()));
    }
    if (!flags.contains("--out") && !flags.contains("--store")) {
      args.addAll(List.of("--out", dir.resolve("w.md").toString()));
    }
    args.addAll(flags);
    if (flags.contains("--out")) {
      args.removeAll(List.of("--store", store.toString()));
    }

    assertThat(run(args.toArray(String[]::new))).isEqualTo(2);
    assertThat(err()).isEqualTo("log-gardener worklog: " + message + "\n");
  }

  @Test
  void reportsAMissingStoreFile() {
    Path missing = dir.resolve("missing.duckdb");

    assertThat(run("worklog", "--store", missing.toString(), "--out", "w.md")).isEqualTo(1);
    assertThat(err()).isEqualTo("log-gardener worklog: no DuckDB store at " + missing + "\n");
  }

  @Test
  void reportsAStoreWithoutTheIssueWindowsTable() throws Exception {
    Path empty = dir.resolve("empty.duckdb");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + empty);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE other (x INTEGER)");
    }

    assertThat(run("worklog", "--store", empty.toString(), "--out", "w.md")).isEqualTo(1);
    assertThat(err()).isEqualTo("log-gardener worklog: " + empty + " has no issue_windows table\n");
  }

  @Test
  void reportsAnInvalidRulesFile() throws Exception {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "version: 1\nrules:\n  - id: x\n    description: d\n    match: {}\n");

    assertThat(
            run(
                "worklog",
                "--store",
                store.toString(),
                "--rules",
                rules.toString(),
                "--out",
                dir.resolve("w.md").toString()))
        .isEqualTo(1);
    assertThat(err())
        .isEqualTo(
            "log-gardener worklog: "
                + rules
                + ": rule 'x': 'match' needs service, logger, template or fingerprint\n");
  }

  @Test
  void rejectsAMalformedBigQueryDataset() {
    assertThat(run("worklog", "--store", "bigquery:nodot", "--out", "w.md")).isEqualTo(1);
    assertThat(err()).startsWith("log-gardener worklog: --store bigquery: needs PROJECT.DATASET");
  }
}
