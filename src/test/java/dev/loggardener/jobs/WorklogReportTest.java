package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.store.DuckDbStore;
import dev.loggardener.worklog.WorklogTestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Runs the worklog job's pipeline on the DirectRunner against a DuckDB store holding the worklog
 * example rows: it must write exactly the worklog's golden files, under the day folder and as
 * latest.
 */
public class WorklogReportTest {
  private static final Path GOLDEN = Path.of("src/test/resources/fixtures/worklog");

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void writesTheGoldenWorklogAsMarkdownAndJsonUnderTheDayOfThePeriodEndAndAsLatest()
      throws Exception {
    Path store = folder.getRoot().toPath().resolve("store.duckdb");
    try (DuckDbStore db = DuckDbStore.open(store)) {
      db.insert("issue_windows", WorklogTestData.exampleRows());
    }
    Path out = folder.getRoot().toPath().resolve("worklogs");
    WorklogReport.Request request =
        new WorklogReport.Request(
            store.toString(),
            out.toString(),
            WorklogTestData.PERIOD.from(),
            WorklogTestData.PERIOD.to(),
            GOLDEN.resolve("rules.yaml").toString(),
            "netra-staging",
            5,
            WorklogTestData.END);
    String day = WorklogTestData.PERIOD.to().toString().substring(0, 10);

    PCollection<String> written = WorklogReport.build(pipeline, request);
    PAssert.that(written).containsInAnyOrder(out.resolve(day) + "/");
    pipeline.run().waitUntilFinish();

    String markdown = Files.readString(GOLDEN.resolve("expected.md"), StandardCharsets.UTF_8);
    String json = Files.readString(GOLDEN.resolve("expected.json"), StandardCharsets.UTF_8);
    assertThat(out.resolve(day).resolve("worklog.md")).hasContent(markdown);
    assertThat(out.resolve(day).resolve("worklog.json")).hasContent(json);
    assertThat(out.resolve("latest.md")).hasContent(markdown);
    assertThat(out.resolve("latest.json")).hasContent(json);
  }
}
