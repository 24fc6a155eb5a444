package dev.loggardener.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.store.DuckDbIssueWindowSource;
import dev.loggardener.store.DuckDbStore;
import dev.loggardener.worklog.Category;
import dev.loggardener.worklog.Priority;
import dev.loggardener.worklog.Worklog;
import dev.loggardener.worklog.WorklogJob;
import dev.loggardener.worklog.WorklogRules;
import dev.loggardener.worklog.WorklogSettings;
import dev.loggardener.worklog.WorklogTestData;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProblemFactoryTest {
  @TempDir Path dir;

  private Worklog worklog() throws Exception {
    Path store = dir.resolve("example.duckdb");
    try (DuckDbStore s = DuckDbStore.open(store)) {
      s.insert("issue_windows", WorklogTestData.exampleRows());
    }
    WorklogSettings settings =
        WorklogSettings.defaults(
            WorklogRules.load(Paths.get("src/test/resources/fixtures/worklog/rules.yaml")));
    try (DuckDbIssueWindowSource source = DuckDbIssueWindowSource.open(store)) {
      return WorklogJob.build(source, WorklogTestData.PERIOD, settings, WorklogTestData.END);
    }
  }

  @Test
  void takesExactlyTheP0AndP1CategoriesMostUrgentFirst() throws Exception {
    Worklog worklog = worklog();

    List<Problem> problems = ProblemFactory.problems(worklog);

    assertThat(problems)
        .extracting(Problem::categoryId)
        .containsExactlyElementsOf(
            worklog.categories().stream()
                .filter(c -> c.priority().ordinal() <= Priority.P1.ordinal())
                .map(Category::id)
                .toList());
    assertThat(problems).extracting(Problem::fingerprint).doesNotHaveDuplicates();
  }

  @Test
  void describesTheProblemFromItsWorklogSection() throws Exception {
    Worklog worklog = worklog();
    Category first = worklog.categories().get(0);

    Problem problem = ProblemFactory.problems(worklog).get(0);

    assertThat(problem.fingerprint()).isEqualTo(first.primary().fingerprint());
    assertThat(problem.labels()).startsWith(first.priority().name());
    assertThat(problem.description())
        .contains("**Error Message:**")
        .contains(first.primary().message())
        .contains("**Occurrences:** " + first.total() + " in this period")
        .contains("**Hourly:**")
        .contains("**Failure Share:**");
    assertThat(problem.evidence())
        .contains("**Occurrences:**")
        .doesNotContain("**Error Message:**");
    assertThat(problem.relationKeys()).isNotEmpty();
  }
}
