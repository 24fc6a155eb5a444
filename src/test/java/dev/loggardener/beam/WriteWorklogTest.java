package dev.loggardener.beam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.store.DuckDbIssueWindowSource;
import dev.loggardener.store.DuckDbStore;
import dev.loggardener.worklog.WorklogTestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class WriteWorklogTest {
  private static final Path FIXTURES = Paths.get("src/test/resources/fixtures/worklog");

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void writesDatedAndLatestMarkdownAndJsonEqualToTheGoldenFiles() throws Exception {
    String store = temp.getRoot().toPath().resolve("store.duckdb").toString();
    try (DuckDbStore db = DuckDbStore.open(Paths.get(store))) {
      db.insert("issue_windows", WorklogTestData.exampleRows());
    }
    String prefix = temp.getRoot().toPath().resolve("worklogs").toString();
    WriteWorklog.Request request =
        new WriteWorklog.Request(
            "netra-staging",
            WorklogTestData.PERIOD,
            WorklogTestData.END,
            Files.readString(FIXTURES.resolve("rules.yaml")),
            "rules.yaml",
            5,
            prefix + "/");

    PCollection<String> written =
        pipeline.apply(
            "WriteWorklog",
            WriteWorklog.of(
                request, project -> DuckDbIssueWindowSource.open(Paths.get(store), project)));

    PAssert.that(written)
        .containsInAnyOrder(
            prefix + "/2026-11-28/worklog.md",
            prefix + "/2026-11-28/worklog.json",
            prefix + "/latest.md",
            prefix + "/latest.json");
    pipeline.run().waitUntilFinish();
    String markdown = Files.readString(FIXTURES.resolve("expected.md"), StandardCharsets.UTF_8);
    String json = Files.readString(FIXTURES.resolve("expected.json"), StandardCharsets.UTF_8);
    assertThat(Files.readString(Paths.get(prefix, "2026-11-28", "worklog.md"))).isEqualTo(markdown);
    assertThat(Files.readString(Paths.get(prefix, "latest.md"))).isEqualTo(markdown);
    assertThat(Files.readString(Paths.get(prefix, "2026-11-28", "worklog.json"))).isEqualTo(json);
    assertThat(Files.readString(Paths.get(prefix, "latest.json"))).isEqualTo(json);
  }
}
