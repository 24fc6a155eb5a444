package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.api.services.bigquery.model.ErrorProto;
import com.google.api.services.bigquery.model.TableDataInsertAllResponse;
import com.google.api.services.bigquery.model.TableRow;
import com.google.cloud.bigquery.storage.v1.AppendRowsRequest;
import com.google.cloud.bigquery.storage.v1.AppendRowsResponse;
import com.google.cloud.bigquery.storage.v1.ProtoRows;
import com.google.cloud.bigquery.storage.v1.TableSchema;
import com.google.protobuf.DescriptorProtos;
import dev.loggardener.beam.AggregationSettings;
import dev.loggardener.beam.BigQueryTarget;
import dev.loggardener.beam.RawMessage;
import dev.loggardener.beam.RawMessageCoder;
import dev.loggardener.beam.WriteAggregates;
import dev.loggardener.beam.WriteDeadLetters;
import dev.loggardener.logentry.LogEntryParser;
import dev.loggardener.logentry.ParseResult;
import dev.loggardener.normalize.RuleSet;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices.StreamAppendClient;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * BigQuery answers some writes with transient errors, through Beam's fake dataset service: the rows
 * are retried and stored exactly once, nothing is dead-lettered for it, and only a permanent error
 * refuses a row.
 */
@RunWith(JUnit4.class)
public class TransientBigQueryErrorsTest {
  private static final String PROJECT = "proj";
  private static final String DATASET = "logs";
  private static final int TRANSIENT_FAILURES = 3;

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static <T extends FakeDatasetService> T withTables(T datasets) throws Exception {
    return FakeTables.create(datasets, PROJECT, DATASET);
  }

  private static LogStreamPipeline.Outputs outputs(Method method, FakeDatasetService datasets) {
    FakeBigQueryServices services = new FakeBigQueryServices().withDatasetService(datasets);
    return new LogStreamPipeline.Outputs(
        WriteAggregates.toBigQuery(
            new BigQueryTarget(PROJECT + ":" + DATASET + ".issue_windows", method, services),
            RefusedRowsTest.CLOCK),
        WriteDeadLetters.toBigQuery(
            new BigQueryTarget(PROJECT + ":" + DATASET + ".dead_letters", method, services),
            RefusedRowsTest.CLOCK));
  }

  /** Entry count per template over the stored issue_windows rows. */
  private static Map<String, Long> countsByTemplate(List<TableRow> rows) {
    Map<String, Long> counts = new HashMap<>();
    for (TableRow row : rows) {
      counts.merge(
          String.valueOf(row.get("template")),
          Long.parseLong(String.valueOf(row.get("entry_count"))),
          Long::sum);
    }
    return counts;
  }

  @Test
  public void retriesAppendsThatFailTransientlyAndStoresEachPaneOnce() throws Exception {
    FakeDatasetService.setUp();
    FlakyDatasetService datasets = withTables(new FlakyDatasetService());
    List<RawMessage> input =
        RefusedRowsTest.messages(
            List.of("quota ledger rejected the write", "cache warmed in time", "disk almost full"),
            5);
    LogStreamPipeline.build(
        p,
        Create.of(input).withCoder(RawMessageCoder.of()),
        RuleSet.loadDefault(),
        AggregationSettings.defaults(),
        outputs(Method.STORAGE_WRITE_API, datasets),
        RefusedRowsTest.CLOCK);

    assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    // The failed appends were retried: more appends than failures were made.
    assertThat(FlakyDatasetService.APPENDS.get()).isGreaterThan(TRANSIENT_FAILURES);
    List<TableRow> written = datasets.getAllRows(PROJECT, DATASET, "issue_windows");
    assertThat(written).hasSize(3);
    assertThat(countsByTemplate(written))
        .containsOnly(
            Map.entry("quota ledger rejected the write", 5L),
            Map.entry("cache warmed in time", 5L),
            Map.entry("disk almost full", 5L));
    assertThat(datasets.getAllRows(PROJECT, DATASET, "dead_letters")).isEmpty();
  }

  /**
   * Streaming inserts: the fake keys injected errors on the row as inserted after a JSON round
   * trip, where numbers come back as a different type, so only a row of strings (a dead letter) can
   * be matched. It stores a row whose errors the retry policy calls transient (as the real service
   * does once its retries succeed) and refuses one whose errors it does not.
   */
  @Test
  public void storesOnceARowWhoseInsertFailsTransientlyAndRefusesAPermanentFailure()
      throws Exception {
    FakeDatasetService.setUp();
    FakeDatasetService datasets = withTables(new FakeDatasetService());
    RuleSet rules = RuleSet.loadDefault();
    List<RawMessage> input =
        new ArrayList<>(RefusedRowsTest.messages(List.of("cache warmed in time"), 4));
    RawMessage transientlyRefused = notJson("bad-1");
    RawMessage permanentlyRefused = notJson("bad-2");
    input.add(transientlyRefused);
    input.add(permanentlyRefused);
    datasets.failOnInsert(
        Map.of(
            deadLetterRow(transientlyRefused, rules),
            List.of(insertErrors("backendError"), insertErrors("backendError")),
            deadLetterRow(permanentlyRefused, rules),
            List.of(insertErrors("invalid"))));
    LogStreamPipeline.build(
        p,
        Create.of(input).withCoder(RawMessageCoder.of()),
        rules,
        AggregationSettings.defaults(),
        outputs(Method.STREAMING_INSERTS, datasets),
        RefusedRowsTest.CLOCK);

    PipelineResult result = p.run();
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    assertThat(countsByTemplate(datasets.getAllRows(PROJECT, DATASET, "issue_windows")))
        .containsOnly(Map.entry("cache warmed in time", 4L));
    List<TableRow> letters = datasets.getAllRows(PROJECT, DATASET, "dead_letters");
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).get("message_id")).isEqualTo("bad-1");
    assertThat(LocalRun.counter(result, "deadletters", "refused")).isEqualTo(1);
  }

  private static RawMessage notJson(String id) {
    return new RawMessage(
        ("{\"textPayload\": \"" + id).getBytes(StandardCharsets.UTF_8), Map.of(), id);
  }

  /** The dead_letters row the pipeline inserts for a message the parser rejects. */
  private static TableRow deadLetterRow(RawMessage message, RuleSet rules) {
    ParseResult.Rejected rejected =
        (ParseResult.Rejected) new LogEntryParser().parse(message.payload(), Map.of());
    return new TableRow()
        .set("raw_payload", Base64.getEncoder().encodeToString(message.payload()))
        .set("attributes", List.of())
        .set("message_id", message.messageId())
        .set("stage", "parse")
        .set("reason", rejected.reason().code())
        .set("error_message", rejected.detail())
        .set("processing_time", RefusedRowsTest.CLOCK.instant().toString())
        .set("rule_set_version", rules.version());
  }

  private static TableDataInsertAllResponse.InsertErrors insertErrors(String reason) {
    return new TableDataInsertAllResponse.InsertErrors()
        .setErrors(List.of(new ErrorProto().setReason(reason)));
  }

  /**
   * The fake dataset service whose {@code issue_windows} appends fail with {@code UNAVAILABLE} the
   * first {@value #TRANSIENT_FAILURES} times, as BigQuery does while a backend restarts. The fake
   * is serialized into each worker, hence the static counters.
   */
  private static final class FlakyDatasetService extends FakeDatasetService {
    static final AtomicInteger APPENDS = new AtomicInteger();

    FlakyDatasetService() {
      APPENDS.set(0);
    }

    @Override
    public StreamAppendClient getStreamAppendClient(
        String streamName,
        DescriptorProtos.DescriptorProto descriptor,
        boolean useConnectionPool,
        AppendRowsRequest.MissingValueInterpretation missingValueInterpretation)
        throws Exception {
      StreamAppendClient client =
          super.getStreamAppendClient(
              streamName, descriptor, useConnectionPool, missingValueInterpretation);
      boolean issueWindows =
          descriptor.getFieldList().stream().anyMatch(f -> f.getName().equals("entry_count"));
      return issueWindows ? new FlakyClient(client) : client;
    }
  }

  private static final class FlakyClient implements StreamAppendClient {
    private final StreamAppendClient delegate;

    FlakyClient(StreamAppendClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public ApiFuture<AppendRowsResponse> appendRows(long offset, ProtoRows rows) throws Exception {
      if (FlakyDatasetService.APPENDS.incrementAndGet() <= TRANSIENT_FAILURES) {
        return ApiFutures.immediateFailedFuture(
            Status.UNAVAILABLE.withDescription("backend restarting").asRuntimeException());
      }
      return delegate.appendRows(offset, rows);
    }

    @Override
    public TableSchema getUpdatedSchema() {
      return delegate.getUpdatedSchema();
    }

    @Override
    public void pin() {
      delegate.pin();
    }

    @Override
    public void unpin() throws Exception {
      delegate.unpin();
    }

    @Override
    public void close() throws Exception {
      delegate.close();
    }
  }
}
