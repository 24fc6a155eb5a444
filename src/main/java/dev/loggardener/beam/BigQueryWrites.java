package dev.loggardener.beam;

import com.google.api.services.bigquery.model.TableRow;
import dev.loggardener.sink.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryInsertError;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryStorageApiInsertError;
import org.apache.beam.sdk.io.gcp.bigquery.InsertRetryPolicy;
import org.apache.beam.sdk.io.gcp.bigquery.WriteResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * The BigQuery write shared by {@link WriteAggregates} and {@link WriteDeadLetters}: create-never,
 * append, schema from the deploy files, and every refused row turned into a dead letter.
 */
final class BigQueryWrites {
  /** How often an unbounded exactly-once Storage Write API write commits. */
  private static final Duration COMMIT_INTERVAL = Duration.standardSeconds(5);

  private BigQueryWrites() {}

  /** Writes rows, returning the rows BigQuery refused as dead letters. */
  static PCollection<DeadLetter> write(
      PCollection<TableRow> rows, String table, BigQueryTarget target, Clock clock) {
    BigQueryIO.Write<TableRow> write =
        BigQueryIO.writeTableRows()
            .to(target.tableSpec())
            .withSchema(TableRows.schema(table))
            .withCreateDisposition(CreateDisposition.CREATE_NEVER)
            .withWriteDisposition(WriteDisposition.WRITE_APPEND)
            .withMethod(target.method());
    if (target.method() == Method.STREAMING_INSERTS) {
      write =
          write
              .withFailedInsertRetryPolicy(InsertRetryPolicy.retryTransientErrors())
              .withExtendedErrorInfo();
    } else if (target.method() == Method.STORAGE_WRITE_API
        && rows.isBounded() == PCollection.IsBounded.UNBOUNDED) {
      write = write.withTriggeringFrequency(COMMIT_INTERVAL).withAutoSharding();
    }
    if (target.testServices() != null) {
      write = write.withTestServices(target.testServices()).withoutValidation();
    }
    WriteResult result = rows.apply("WriteRows", write);
    if (target.method() == Method.STREAMING_INSERTS) {
      return result
          .getFailedInsertsWithErr()
          .apply("RefusedInsertsToDeadLetters", ParDo.of(new InsertErrorFn(clock)));
    }
    return result
        .getFailedStorageApiInserts()
        .apply("RefusedAppendsToDeadLetters", ParDo.of(new StorageErrorFn(clock)));
  }

  static DeadLetter refused(TableRow row, String error, Clock clock) {
    Object version = row.get("rule_set_version");
    return new DeadLetter(
        row.toString().getBytes(StandardCharsets.UTF_8),
        Map.of(),
        null,
        DeadLetter.Stage.WRITE,
        "insert_failed",
        null,
        error,
        null,
        null,
        clock.instant(),
        version == null ? "unknown" : version.toString());
  }

  private static final class StorageErrorFn
      extends DoFn<BigQueryStorageApiInsertError, DeadLetter> {
    private final Clock clock;

    StorageErrorFn(Clock clock) {
      this.clock = clock;
    }

    @ProcessElement
    public void process(
        @Element BigQueryStorageApiInsertError error, OutputReceiver<DeadLetter> out) {
      out.output(refused(error.getRow(), error.getErrorMessage(), clock));
    }
  }

  private static final class InsertErrorFn extends DoFn<BigQueryInsertError, DeadLetter> {
    private final Clock clock;

    InsertErrorFn(Clock clock) {
      this.clock = clock;
    }

    @ProcessElement
    public void process(@Element BigQueryInsertError error, OutputReceiver<DeadLetter> out) {
      out.output(refused(error.getRow(), String.valueOf(error.getError()), clock));
    }
  }
}
