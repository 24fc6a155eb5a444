package dev.loggardener.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.aggregate.IssueIdentity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The identity's columns are one list: the table schema declares them, the worklog's query selects
 * them, and the record writes and reads exactly them.
 */
class IssueIdentityColumnsTest {
  private static final IssueIdentity IDENTITY =
      new IssueIdentity(
          "a".repeat(64),
          "shop-prod",
          "cloud_run_revision",
          "api",
          "app.db",
          "TimeoutError",
          "timeout after <NUM> ms",
          "1+n2");

  @Test
  void theTableSchemaDeclaresEveryIdentityColumn() {
    List<String> columns =
        TableSchema.load("issue_windows").columns().stream().map(TableSchema.Column::name).toList();

    assertThat(columns).containsAll(IssueIdentity.COLUMNS);
  }

  @Test
  void theWorklogQuerySelectsEveryIdentityColumn() {
    String select = DuckDbIssueWindowSource.sql("issue_windows.sql").split("(?m)^FROM ")[0];

    for (String column : IssueIdentity.COLUMNS) {
      assertThat(select).containsPattern("(?m)^\\s*" + column + ",$");
    }
  }

  @Test
  void writesExactlyItsColumnsAndReadsBackItself() {
    Map<String, Object> row = new LinkedHashMap<>();
    IDENTITY.putColumns(row);

    assertThat(row.keySet()).containsExactlyElementsOf(IssueIdentity.COLUMNS);
    assertThat(IssueIdentity.fromColumns(row)).isEqualTo(IDENTITY);
  }

  @Test
  void leavesAbsentValuesOutAndReadsAnEmptyProjectAsNone() {
    IssueIdentity sparse = new IssueIdentity("b", null, "global", "", null, null, "t", "v");
    Map<String, Object> row = new LinkedHashMap<>();
    sparse.putColumns(row);

    assertThat(row).doesNotContainKeys("project_id", "logger", "exception_type");
    assertThat(IssueIdentity.fromColumns(row)).isEqualTo(sparse);
    row.put("project_id", "");
    assertThat(IssueIdentity.fromColumns(row).projectId()).isNull();
  }

  @Test
  void aRowWithoutARequiredColumnIsRefusedByName() {
    Map<String, Object> row = new LinkedHashMap<>();
    IDENTITY.putColumns(row);
    row.remove("resource_type");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> IssueIdentity.fromColumns(row))
        .hasMessageContaining("resource_type");
  }
}
