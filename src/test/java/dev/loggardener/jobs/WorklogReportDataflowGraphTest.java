package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.beam.WriteWorklog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worklog template's job as Dataflow receives it, produced offline: a batch job whose steps
 * build and write the worklog, with the composite's DoFn and store factory serializable.
 */
class WorklogReportDataflowGraphTest {
  @TempDir Path dir;

  @Test
  void translatesToABatchJobThatBuildsAndWritesTheWorklog() throws Exception {
    List<String> args = new ArrayList<>(DataflowJobGraph.offlineArgs(dir));
    args.add("--store=bigquery:offline-project.log_gardener_production");
    args.add("--outputPrefix=gs://offline-bucket/worklogs");
    WorklogReportOptions options =
        PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
            .withValidation()
            .as(WorklogReportOptions.class);
    WriteWorklog.Request request =
        WorklogReport.request(
            options, Clock.fixed(Instant.parse("2026-11-28T06:00:07Z"), ZoneOffset.UTC));
    String store = options.getStore();
    Pipeline pipeline = Pipeline.create(options);
    pipeline.apply(
        "WriteWorklog", WriteWorklog.of(request, project -> IssueStores.open(store, project)));

    assertThat(DataflowJobGraph.namedByUs(pipeline))
        .containsExactly(
            "WriteWorklog", "WriteWorklog/BuildAndWriteWorklog", "WriteWorklog/StartReport");
    DataflowJobGraph job = DataflowJobGraph.translate(pipeline, dir);

    assertThat(job.type()).isEqualTo("JOB_TYPE_BATCH");
    assertThat(job.contains("WriteWorklog/StartReport")).isTrue();
    assertThat(job.contains("WriteWorklog/BuildAndWriteWorklog")).isTrue();
    assertThat(job.pipelineOptions().get("outputPrefix").getAsString())
        .isEqualTo("gs://offline-bucket/worklogs");
  }
}
