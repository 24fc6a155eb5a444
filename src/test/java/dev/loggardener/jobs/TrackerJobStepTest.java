package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.github.GitHubFake;
import dev.loggardener.store.DuckDbIssueWindowSource;
import dev.loggardener.store.DuckDbStore;
import dev.loggardener.tracker.TrackerSettings;
import dev.loggardener.worklog.Worklog;
import dev.loggardener.worklog.WorklogJob;
import dev.loggardener.worklog.WorklogRules;
import dev.loggardener.worklog.WorklogSettings;
import dev.loggardener.worklog.WorklogTestData;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worklog job's tracker step on the example store against a GitHub-shaped local server. */
class TrackerJobStepTest {
  @TempDir Path dir;
  private GitHubFake github;
  private Path store;

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

  private Worklog worklog() throws Exception {
    WorklogSettings settings =
        WorklogSettings.defaults(
            WorklogRules.load(Paths.get("src/test/resources/fixtures/worklog/rules.yaml")));
    try (DuckDbIssueWindowSource source = DuckDbIssueWindowSource.open(store)) {
      return WorklogJob.build(source, WorklogTestData.PERIOD, settings, WorklogTestData.END);
    }
  }

  private TrackerJobStep step(boolean apply) {
    TrackerJobStep step =
        new TrackerJobStep(
            store.toString(),
            TrackerSettings.defaults(GitHubFake.REPOSITORY),
            github.api().toString(),
            apply,
            () -> GitHubFake.TOKEN);
    return SerializableUtils.clone(step);
  }

  @Test
  void filesTheProblemsAndHandsOnTheWorklogWithTheirIssues() throws Exception {
    Worklog annotated = step(true).apply(worklog());

    assertThat(github.issues()).hasSize(3);
    assertThat(annotated.categories().stream().filter(c -> c.tracker() != null))
        .hasSize(3)
        .allSatisfy(c -> assertThat(c.tracker().status()).isEqualTo("created"));
    assertThat(WorklogJob.render(annotated, WorklogJob.Format.JSON))
        .contains("\"label\": \"#1\"")
        .contains("\"status\": \"created\"");
  }

  @Test
  void onlyPlansWhenNotAskedToApply() throws Exception {
    Worklog planned = step(false).apply(worklog());

    assertThat(github.writes()).isZero();
    assertThat(planned.categories()).isEqualTo(worklog().categories());
  }
}
