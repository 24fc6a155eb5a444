package dev.loggardener.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.worklog.Worklog;
import dev.loggardener.worklog.WorklogJob;
import dev.loggardener.worklog.WorklogRules;
import dev.loggardener.worklog.WorklogSettings;
import dev.loggardener.worklog.WorklogTestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pins the worklog of a fixed DuckDB store, read through the shipped SQL files. Regenerate the
 * golden files with {@code -Dworklog.updateGolden=true} and review the diff.
 */
class WorklogGoldenTest {
  private static final Path GOLDEN = Paths.get("src/test/resources/fixtures/worklog");

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(WorklogJob.Format.class)
  void rendersTheExampleStoreExactlyAsTheGoldenFile(WorklogJob.Format format) throws Exception {
    Path file = dir.resolve("store.duckdb");
    try (DuckDbStore store = DuckDbStore.open(file)) {
      List<Map<String, Object>> rows = WorklogTestData.exampleRows();
      store.insert("issue_windows", rows);
    }
    WorklogSettings settings =
        new WorklogSettings(5, 200, 1000, WorklogRules.load(GOLDEN.resolve("rules.yaml")));
    String rendered;
    try (DuckDbIssueWindowSource source = DuckDbIssueWindowSource.open(file)) {
      Worklog worklog =
          WorklogJob.build(source, WorklogTestData.PERIOD, settings, WorklogTestData.END);
      rendered = WorklogJob.render(worklog, format);
    }
    Path golden = GOLDEN.resolve("expected." + format.name().toLowerCase(java.util.Locale.ROOT));
    if (Boolean.getBoolean("worklog.updateGolden")) {
      Files.writeString(golden, rendered, StandardCharsets.UTF_8);
    }
    assertThat(rendered).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
