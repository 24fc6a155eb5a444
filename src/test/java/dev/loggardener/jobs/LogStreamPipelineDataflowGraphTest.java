package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import dev.loggardener.beam.TableRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.runners.dataflow.DataflowPipelineJob;
import org.apache.beam.runners.dataflow.DataflowRunner;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job exactly as Dataflow would receive it, produced offline: {@link
 * LogStreamPipeline#run} with the DataflowRunner writing the job JSON to a local template file. The
 * BigQuery table check runs against fake services (which also turns BigQueryIO's own validation
 * off); nothing touches the network.
 *
 * <p>The step names we chose are the contract for {@code --update}: they must equal the list in
 * deploy/README.md, so renaming a step fails here until the runbook (and a transformNameMapping)
 * says so.
 */
class LogStreamPipelineDataflowGraphTest {
  private static final String PROJECT = "offline-project";
  private static final Path RUNBOOK = Path.of("deploy", "README.md");
  private static final Pattern LISTED_STEP = Pattern.compile("(?m)^- `([A-Za-z0-9/]+)`");

  private static DataflowJobGraph job;
  private static Set<String> namedByUs;

  /** A DataflowRunner that also notes the step names we chose before it translates the graph. */
  public static final class RecordingDataflowRunner extends DataflowRunner {
    private static Set<String> lastNamed;

    private RecordingDataflowRunner(DataflowPipelineOptions options) {
      super(options);
    }

    public static RecordingDataflowRunner fromOptions(PipelineOptions options) {
      DataflowRunner.fromOptions(options);
      return new RecordingDataflowRunner(options.as(DataflowPipelineOptions.class));
    }

    @Override
    public DataflowPipelineJob run(Pipeline pipeline) {
      lastNamed = DataflowJobGraph.namedByUs(pipeline);
      return super.run(pipeline);
    }
  }

  @BeforeAll
  static void translateTheStreamingJob(@TempDir Path dir) throws Exception {
    FakeDatasetService.setUp();
    FakeJobService.setUp();
    FakeDatasetService datasets = new FakeDatasetService();
    for (String[] table :
        List.of(
            new String[] {"log_gardener_production", "issue_windows"},
            new String[] {"log_gardener_production_restricted", "dead_letters"})) {
      datasets.createDataset(PROJECT, table[0], "", "", null);
      datasets.createTable(
          new Table()
              .setTableReference(
                  new TableReference()
                      .setProjectId(PROJECT)
                      .setDatasetId(table[0])
                      .setTableId(table[1]))
              .setSchema(TableRows.schema(table[1])));
    }
    FakeBigQueryServices services =
        new FakeBigQueryServices()
            .withDatasetService(datasets)
            .withJobService(new FakeJobService());

    List<String> args = new ArrayList<>(DataflowJobGraph.offlineArgs(dir));
    args.set(0, "--runner=" + RecordingDataflowRunner.class.getName());
    args.add("--enableStreamingEngine=true");
    args.add("--inputSubscription=projects/" + PROJECT + "/subscriptions/lg-pipeline");
    args.add("--issueWindowsTable=" + PROJECT + ":log_gardener_production.issue_windows");
    args.add("--deadLettersTable=" + PROJECT + ":log_gardener_production_restricted.dead_letters");
    StreamOptions options =
        PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
            .withValidation()
            .as(StreamOptions.class);

    LogStreamPipeline.run(options, services);

    namedByUs = RecordingDataflowRunner.lastNamed;
    job = DataflowJobGraph.read(dir);
  }

  @Test
  void isAStreamingJobOnStreamingEngine() {
    assertThat(job.type()).isEqualTo("JOB_TYPE_STREAMING");
    assertThat(job.experiments()).contains("enable_streaming_engine", "enable_windmill_service");
    assertThat(job.pipelineOptions().get("enableStreamingEngine").getAsBoolean()).isTrue();
  }

  @Test
  void runsExactlyOnceByDefault() {
    assertThat(job.experiments()).noneMatch(e -> e.contains("at_least_once"));
    assertThat(
            job.pipelineOptions().has("dataflowServiceOptions")
                && job.pipelineOptions()
                    .get("dataflowServiceOptions")
                    .toString()
                    .contains("at_least"))
        .isFalse();
    assertThat(job.pipelineOptions().get("bigQueryWriteMethod").getAsString())
        .isEqualTo("STORAGE_WRITE_API");
  }

  @Test
  void namesExactlyTheStepsTheRunbookListsAsStable() throws IOException {
    assertThat(namedByUs).as("step names chosen in our code").isEqualTo(listedInRunbook());
  }

  @Test
  void carriesEveryStableStepNameIntoTheDataflowJob() throws IOException {
    for (String name : listedInRunbook()) {
      assertThat(job.contains(name)).as("step %s in the job JSON", name).isTrue();
    }
  }

  private static Set<String> listedInRunbook() throws IOException {
    String runbook = Files.readString(RUNBOOK, StandardCharsets.UTF_8);
    int start = runbook.indexOf("### Stable step names");
    assertThat(start).as("'### Stable step names' section in %s", RUNBOOK).isNotNegative();
    int end = runbook.indexOf("\n## ", start);
    Matcher listed =
        LISTED_STEP.matcher(runbook.substring(start, end < 0 ? runbook.length() : end));
    Set<String> names = new LinkedHashSet<>();
    while (listed.find()) {
      names.add(listed.group(1));
    }
    assertThat(names).as("stable step names listed in %s", RUNBOOK).isNotEmpty();
    return new TreeSet<>(names);
  }
}
