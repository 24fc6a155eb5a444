package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worklog template's job as Dataflow receives it, produced offline: a batch job with the two
 * steps the scheduled launch runs.
 */
class WorklogReportDataflowGraphTest {
  @TempDir Path dir;

  @Test
  void translatesToABatchJobThatStartsTheReportAndWritesTheWorklog() throws Exception {
    List<String> args = new ArrayList<>(DataflowJobGraph.offlineArgs(dir));
    args.add("--store=bigquery:offline-project.log_gardener_production");
    args.add("--outputPrefix=gs://offline-bucket/worklogs");
    WorklogOptions options =
        PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
            .withValidation()
            .as(WorklogOptions.class);
    Pipeline pipeline = Pipeline.create(options);
    WorklogReport.build(
        pipeline, WorklogReport.validate(options, Instant.parse("2026-11-28T06:00:00Z")));

    assertThat(DataflowJobGraph.namedByUs(pipeline)).containsExactly("StartReport", "WriteWorklog");
    DataflowJobGraph job = DataflowJobGraph.translate(pipeline, dir);

    assertThat(job.type()).isEqualTo("JOB_TYPE_BATCH");
    assertThat(job.contains("StartReport")).isTrue();
    assertThat(job.contains("WriteWorklog")).isTrue();
    assertThat(job.pipelineOptions().get("outputPrefix").getAsString())
        .isEqualTo("gs://offline-bucket/worklogs");
  }
}
