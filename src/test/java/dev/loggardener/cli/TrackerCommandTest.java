package dev.loggardener.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.github.GitHubFake;
import dev.loggardener.github.GitHubRestClient;
import dev.loggardener.store.DuckDbStore;
import dev.loggardener.worklog.WorklogTestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tracker} command on the example store, against a local GitHub-shaped server. */
class TrackerCommandTest {
  private static final Clock CLOCK = Clock.fixed(WorklogTestData.END, ZoneOffset.UTC);

  @TempDir Path dir;
  private GitHubFake github;
  private Path store;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    github = new GitHubFake();
    store = dir.resolve("netra-staging.duckdb");
    try (DuckDbStore s = DuckDbStore.open(store)) {
      s.insert("issue_windows", WorklogTestData.exampleRows());
    }
  }

  @AfterEach
  void stop() {
    github.close();
  }

  private int run(Map<String, String> environment, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "tracker",
                "--store",
                store.toString(),
                "--repo",
                GitHubFake.REPOSITORY,
                "--api-url",
                github.api().toString(),
                "--from",
                WorklogTestData.PERIOD.from().toString(),
                "--to",
                WorklogTestData.PERIOD.to().toString(),
                "--rules",
                "src/test/resources/fixtures/worklog/rules.yaml"));
    args.addAll(List.of(extra));
    TrackerCommand command =
        new TrackerCommand(
            CLOCK,
            environment::get,
            new GitHubRestClient.Pacing(Duration.ZERO, Duration.ofMinutes(1), Duration.ZERO),
            d -> {});
    return Main.run(
        args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        List.of(command));
  }

  private int run(String... extra) {
    return run(Map.of(GitHubRestClient.TOKEN_VARIABLE, GitHubFake.TOKEN), extra);
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void plansByDefaultListingExactlyTheP0AndP1ProblemsAndWritesNothing() {
    int status = run();

    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed())
        .contains("3 problems at P0-P1, dry run (nothing written; --apply writes)")
        .contains("would create  P0")
        .contains("Auth service unreachable")
        .contains("WebSocket startup race condition")
        .contains("3 would create");
    assertThat(github.writes()).isZero();
  }

  @Test
  void appliesThenChangesNothingOnASecondRunAndShowsTheIssuesInTheWorklog() throws Exception {
    Path worklog = dir.resolve("worklog.md");

    assertThat(run("--apply")).as(err.toString(StandardCharsets.UTF_8)).isZero();
    int writes = github.writes();
    out.reset();
    assertThat(run("--apply", "--out", worklog.toString())).isZero();

    assertThat(github.issues()).hasSize(3);
    assertThat(writes).isEqualTo(3);
    assertThat(github.writes()).isEqualTo(writes);
    assertThat(printed()).contains("3 up to date").contains("0 tracker_links rows");
    assertThat(Files.readString(worklog))
        .contains(
            "**Tracker:** [\\#1](https://github.example/acme/platform/issues/1) - up to date");
  }

  @Test
  void refusesToRunWithoutAToken() {
    int status = run(Map.of());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("GITHUB_TOKEN is not set");
    assertThat(github.requests()).isZero();
  }

  @Test
  void refusesApplyTogetherWithDryRun() {
    assertThat(run("--apply", "--dry-run")).isEqualTo(2);
    assertThat(github.requests()).isZero();
  }

  @Test
  void neverPrintsLogsSendsOrStoresTheToken() throws Exception {
    PrintStream systemErr = System.err;
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    Path json = dir.resolve("worklog.json");
    System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
    try {
      run("--apply", "--out", json.toString());
      run("--apply", "--api-url", "http://127.0.0.1:1");
      run(Map.of(GitHubRestClient.TOKEN_VARIABLE, "ghp_another_token_never_shown"), "--apply");
    } finally {
      System.setErr(systemErr);
    }

    StringBuilder table = new StringBuilder();
    try (DuckDbStore s = DuckDbStore.openReadOnly(store);
        Statement statement = s.connection().createStatement();
        ResultSet rows = statement.executeQuery("SELECT * FROM tracker_links")) {
      while (rows.next()) {
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
          table.append(rows.getString(i)).append('|');
        }
      }
    }
    assertThat(table).contains("acme/platform");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("401 unauthorized");
    for (String token : List.of(GitHubFake.TOKEN, "ghp_another_token_never_shown")) {
      assertThat(printed()).doesNotContain(token);
      assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(token);
      assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain(token);
      assertThat(Files.readString(json)).doesNotContain(token);
      assertThat(table.toString()).doesNotContain(token);
      assertThat(github.received()).doesNotContain(token);
    }
  }
}
