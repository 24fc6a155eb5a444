package dev.loggardener.beam;

import com.google.api.services.bigquery.model.TableRow;
import dev.loggardener.sink.DeadLetter;
import dev.loggardener.sink.DeadLetterRowMapper;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the dead letters of every stage to the one {@code dead_letters} table.
 *
 * <p>Takes the failures of all stages as a list, re-windows them into the global window (they come
 * from windowed and unwindowed stages) and writes each as one row, payload byte for byte. A row the
 * dead-letter table itself refuses cannot be dead-lettered again: it is counted in {@code
 * deadletters/refused} and logged with its stage, message id and reason only, as its payload and
 * error detail may hold secrets. Counter: {@code deadletters/written}.
 */
public final class WriteDeadLetters
    extends PTransform<PCollectionList<DeadLetter>, PCollection<Void>> {
  private static final Logger LOG = LoggerFactory.getLogger(WriteDeadLetters.class);

  private final BigQueryTarget bigQuery;
  private final DuckDbTarget duckDb;
  private final Clock clock;

  private WriteDeadLetters(BigQueryTarget bigQuery, DuckDbTarget duckDb, Clock clock) {
    this.bigQuery = bigQuery;
    this.duckDb = duckDb;
    this.clock = clock;
  }

  /** Writes to a BigQuery table. */
  public static WriteDeadLetters toBigQuery(BigQueryTarget table, Clock clock) {
    return new WriteDeadLetters(table, null, clock);
  }

  /** Writes to the DuckDB store at {@code file}. */
  public static WriteDeadLetters toDuckDb(Path file, Clock clock) {
    return toDuckDb(DuckDbTarget.shared(file), clock);
  }

  /** Writes to a DuckDB store, retrying while it is unwritable for as long as it takes. */
  public static WriteDeadLetters toDuckDb(DuckDbTarget store, Clock clock) {
    return new WriteDeadLetters(null, store, clock);
  }

  @Override
  public PCollection<Void> expand(PCollectionList<DeadLetter> failures) {
    PipelineCoders.registerOn(failures.getPipeline());
    PCollectionList<DeadLetter> global = PCollectionList.empty(failures.getPipeline());
    for (int i = 0; i < failures.size(); i++) {
      global =
          global.and(
              failures
                  .get(i)
                  .apply(
                      "IntoGlobalWindow" + i,
                      Window.<DeadLetter>into(new GlobalWindows())
                          .triggering(DefaultTrigger.of())
                          .withAllowedLateness(Duration.ZERO)
                          .discardingFiredPanes()));
    }
    PCollection<DeadLetter> letters = global.apply("FlattenFailures", Flatten.pCollections());
    if (duckDb != null) {
      return letters
          .apply(
              "InsertIntoDuckDb",
              ParDo.of(
                  new DuckDbWriteFn<DeadLetter>(
                      duckDb,
                      DeadLetterRowMapper.TABLE,
                      (letter, at) -> DeadLetterRowMapper.toColumns(letter),
                      false,
                      clock,
                      Metrics.counter("deadletters", "written"))))
          .apply("CountRefusedDeadLetters", ParDo.of(new CountRefusedFn()));
    }
    PCollection<TableRow> rows =
        letters.apply("ToTableRows", ParDo.of(new ToTableRowFn())).setCoder(TableRowJsonCoder.of());
    return BigQueryWrites.write(rows, DeadLetterRowMapper.TABLE, bigQuery, clock)
        .apply("CountRefusedDeadLetters", ParDo.of(new CountRefusedFn()));
  }

  private static final class ToTableRowFn extends DoFn<DeadLetter, TableRow> {
    private final Counter written = Metrics.counter("deadletters", "written");

    @ProcessElement
    public void process(@Element DeadLetter letter, OutputReceiver<TableRow> out) {
      written.inc();
      out.output(TableRows.of(DeadLetterRowMapper.toColumns(letter)));
    }
  }

  private static final class CountRefusedFn extends DoFn<DeadLetter, Void> {
    private final Counter refused = Metrics.counter("deadletters", "refused");

    @ProcessElement
    public void process(@Element DeadLetter letter) {
      refused.inc();
      LOG.error(
          "dead_letters refused the {} dead letter of message {} (reason {})",
          letter.stage().code(),
          letter.messageId(),
          letter.reason());
    }
  }
}
