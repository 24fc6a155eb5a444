package dev.loggardener.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loggardener.worklog.IssueWindow;
import dev.loggardener.worklog.WorklogTestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written before {@code issue_windows} had {@code project_id}: opening it for writing adds
 * the column (old rows read NULL: no project), as SCHEMA.md documents for BigQuery; reading it
 * unmigrated fails with the migration in the message.
 */
class IssueWindowsMigrationTest {
  @TempDir Path dir;

  /** The table as the previous schema created it: every column but project_id. */
  private Path oldStore() throws Exception {
    Path file = dir.resolve("old.duckdb");
    try (DuckDbStore store = DuckDbStore.open(file)) {
      store.insert("issue_windows", WorklogTestData.exampleRows());
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      s.execute("DROP VIEW fingerprint_catalog");
      s.execute("ALTER TABLE issue_windows DROP COLUMN project_id");
    }
    return file;
  }

  @Test
  void readingAnUnmigratedStoreNamesTheMigration() throws Exception {
    Path file = oldStore();

    assertThatThrownBy(() -> DuckDbIssueWindowSource.open(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ALTER TABLE issue_windows ADD COLUMN project_id VARCHAR");
  }

  @Test
  void openingForWritingAddsTheColumnAndOldRowsReadAsNoProject() throws Exception {
    Path file = oldStore();

    try (DuckDbStore store = DuckDbStore.open(file)) {
      store.insert("issue_windows", WorklogTestData.exampleRowsOf("netra-prod").subList(0, 1));
    }

    List<String> projects = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT coalesce(project_id, 'NULL'), count(*) FROM issue_windows"
                    + " GROUP BY 1 ORDER BY 1")) {
      while (r.next()) {
        projects.add(r.getString(1) + " " + r.getLong(2));
      }
    }
    assertThat(projects)
        .containsExactly("NULL " + WorklogTestData.exampleRows().size(), "netra-prod 1");
    try (DuckDbIssueWindowSource source = DuckDbIssueWindowSource.open(file)) {
      List<Map<String, Object>> rows = source.query("issue_windows.sql", WorklogTestData.PERIOD);
      assertThat(rows).isNotEmpty();
      assertThat(rows.stream().map(IssueWindow::fromColumns))
          .anySatisfy(w -> assertThat(w.identity().projectId()).isNull())
          .anySatisfy(w -> assertThat(w.identity().projectId()).isEqualTo("netra-prod"));
    }
  }
}
