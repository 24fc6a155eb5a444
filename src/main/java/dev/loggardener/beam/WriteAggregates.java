package dev.loggardener.beam;

import dev.loggardener.aggregate.IssueWindow;
import dev.loggardener.sink.DeadLetter;
import dev.loggardener.sink.IssueWindowRowMapper;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes issue-window panes to the {@code issue_windows} table, in BigQuery or a local DuckDB file.
 *
 * <p>Each pane becomes one row (panes discard, so rows add up). BigQuery writes never create
 * tables; rows BigQuery refuses come back as dead letters (stage {@code write}, reason {@code
 * insert_failed}) for {@link WriteDeadLetters}. DuckDB writes are batched and retried; rows the
 * store does not take within the retry budget come back as dead letters too (reason {@code
 * store_unavailable}). Counter: {@code write/issue_windows}.
 */
public final class WriteAggregates
    extends PTransform<PCollection<IssueWindow>, PCollection<DeadLetter>> {
  private final BigQueryTarget bigQuery;
  private final DuckDbTarget duckDb;
  private final Clock clock;

  private WriteAggregates(BigQueryTarget bigQuery, DuckDbTarget duckDb, Clock clock) {
    this.bigQuery = bigQuery;
    this.duckDb = duckDb;
    this.clock = clock;
  }

  /** Writes to a BigQuery table; {@code clock} stamps {@code processed_at}. */
  public static WriteAggregates toBigQuery(BigQueryTarget table, Clock clock) {
    return new WriteAggregates(table, null, clock);
  }

  /** Writes to the DuckDB store at {@code file}; {@code clock} stamps {@code processed_at}. */
  public static WriteAggregates toDuckDb(Path file, Clock clock) {
    return toDuckDb(DuckDbTarget.shared(file), clock);
  }

  /** Writes to a DuckDB store; {@code clock} stamps {@code processed_at}. */
  public static WriteAggregates toDuckDb(DuckDbTarget store, Clock clock) {
    return new WriteAggregates(null, store, clock);
  }

  @Override
  public PCollection<DeadLetter> expand(PCollection<IssueWindow> windows) {
    PipelineCoders.registerOn(windows.getPipeline());
    if (duckDb != null) {
      return windows.apply(
          "InsertIntoDuckDb",
          ParDo.of(
              new DuckDbWriteFn<IssueWindow>(
                  duckDb,
                  IssueWindowRowMapper.TABLE,
                  IssueWindowRowMapper::toColumns,
                  true,
                  clock,
                  Metrics.counter("write", IssueWindowRowMapper.TABLE))));
    }
    PCollection<com.google.api.services.bigquery.model.TableRow> rows =
        windows
            .apply("ToTableRows", ParDo.of(new ToTableRowFn(clock)))
            .setCoder(TableRowJsonCoder.of());
    return BigQueryWrites.write(rows, IssueWindowRowMapper.TABLE, bigQuery, clock);
  }

  static org.apache.beam.sdk.values.TypeDescriptor<DeadLetter> deadLetterType() {
    return org.apache.beam.sdk.values.TypeDescriptor.of(DeadLetter.class);
  }

  private static final class ToTableRowFn
      extends DoFn<IssueWindow, com.google.api.services.bigquery.model.TableRow> {
    private final org.apache.beam.sdk.metrics.Counter rows =
        Metrics.counter("write", IssueWindowRowMapper.TABLE);
    private final Clock clock;

    ToTableRowFn(Clock clock) {
      this.clock = clock;
    }

    @ProcessElement
    public void process(
        @Element IssueWindow window,
        OutputReceiver<com.google.api.services.bigquery.model.TableRow> out) {
      rows.inc();
      out.output(TableRows.of(IssueWindowRowMapper.toColumns(window, clock.instant())));
    }
  }
}
