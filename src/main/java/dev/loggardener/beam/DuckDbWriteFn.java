package dev.loggardener.beam;

import dev.loggardener.sink.DeadLetter;
import dev.loggardener.store.DuckDbStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableBiFunction;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.util.CoderUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes elements to one table of a local DuckDB store in batches through {@link DuckDbStore}.
 *
 * <p>Rows are flushed every {@link #BATCH_ROWS} rows and at the end of each bundle, each flush one
 * transaction. Unless the target holds the file open, a flush opens the store and closes it again,
 * so that other processes can read the file between flushes. A flush that fails (the file locked by
 * another process, the directory read-only, the disk full) is retried with backoff, logged when it
 * starts failing and every {@link #LOG_EVERY_MILLIS} after; after the target's retry budget, a
 * writer of issue rows hands its rows on as dead letters (stage {@code write}, reason {@code
 * store_unavailable}, the row as JSON for a replay), while a writer of dead letters, which has
 * nowhere else to put them, keeps retrying. Counters: the written rows (e.g. {@code
 * write/issue_windows}), {@code write/store_retries}, {@code write/store_unavailable}.
 *
 * @param <T> the element type
 */
final class DuckDbWriteFn<T> extends DoFn<T, DeadLetter> {
  static final int BATCH_ROWS = 2_000;
  static final String STORE_UNAVAILABLE = "store_unavailable";
  private static final long LOG_EVERY_MILLIS = 10_000;
  private static final long MAX_BACKOFF_MILLIS = 2_000;
  private static final Logger LOG = LoggerFactory.getLogger(DuckDbWriteFn.class);

  private final DuckDbTarget target;
  private final String table;
  private final SerializableBiFunction<T, Instant, Map<String, Object>> toColumns;
  private final boolean rowsToDeadLetters;
  private final Clock clock;
  private final Counter written;
  private final Counter retries = Metrics.counter("write", "store_retries");
  private final Counter unavailable = Metrics.counter("write", STORE_UNAVAILABLE);
  private transient DuckDbStore store;
  private transient List<Pending> batch;
  private transient String lastError;

  /** A row waiting for its flush, with where a dead letter of it would go. */
  private record Pending(
      Map<String, Object> columns, org.joda.time.Instant timestamp, BoundedWindow window) {}

  /**
   * @param toColumns maps an element and the write time to its column map
   * @param rowsToDeadLetters whether rows the store cannot take in time become dead letters
   * @param counter the counter of written rows, e.g. {@code write/issue_windows}
   */
  DuckDbWriteFn(
      DuckDbTarget target,
      String table,
      SerializableBiFunction<T, Instant, Map<String, Object>> toColumns,
      boolean rowsToDeadLetters,
      Clock clock,
      Counter counter) {
    this.target = target;
    this.table = table;
    this.toColumns = toColumns;
    this.rowsToDeadLetters = rowsToDeadLetters;
    this.clock = clock;
    this.written = counter;
  }

  @Setup
  public void setup() {
    batch = new ArrayList<>();
  }

  @ProcessElement
  public void process(
      @Element T element,
      @Timestamp org.joda.time.Instant timestamp,
      BoundedWindow window,
      OutputReceiver<DeadLetter> out)
      throws InterruptedException, CoderException {
    batch.add(new Pending(toColumns.apply(element, clock.instant()), timestamp, window));
    if (batch.size() >= BATCH_ROWS) {
      for (Pending refused : flush()) {
        out.output(deadLetter(refused));
      }
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context)
      throws InterruptedException, CoderException {
    for (Pending refused : flush()) {
      context.output(deadLetter(refused), refused.timestamp(), refused.window());
    }
  }

  @Teardown
  public void teardown() throws SQLException {
    release();
  }

  /** Writes the batch; returns the rows given up on (empty unless they go to dead letters). */
  private List<Pending> flush() throws InterruptedException {
    if (batch.isEmpty()) {
      return List.of();
    }
    List<Pending> rows = batch;
    batch = new ArrayList<>();
    List<Map<String, Object>> columns = new ArrayList<>(rows.size());
    for (Pending row : rows) {
      columns.add(row.columns());
    }
    long started = System.currentTimeMillis();
    long lastLog = 0;
    long backoff = 50;
    while (true) {
      try {
        insert(columns);
        if (lastLog != 0) {
          LOG.warn(
              "{}: the DuckDB store {} took the rows after {} ms of retries",
              table,
              target.file(),
              System.currentTimeMillis() - started);
        }
        written.inc(rows.size());
        return List.of();
      } catch (SQLException e) {
        quietRelease();
        long now = System.currentTimeMillis();
        if (rowsToDeadLetters && now - started >= target.retryFor().toMillis()) {
          LOG.error(
              "{}: the DuckDB store {} refused {} rows for {} ms; they go to dead_letters as {}: {}",
              table,
              target.file(),
              rows.size(),
              now - started,
              STORE_UNAVAILABLE,
              e.getMessage());
          unavailable.inc(rows.size());
          lastError = e.getMessage();
          return rows;
        }
        if (now - lastLog >= LOG_EVERY_MILLIS) {
          LOG.warn(
              "{}: the DuckDB store {} cannot be written ({} ms so far), retrying {} rows: {}",
              table,
              target.file(),
              now - started,
              rows.size(),
              e.getMessage());
          lastLog = now;
        }
        retries.inc();
        Thread.sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }
  }

  private void insert(List<Map<String, Object>> columns) throws SQLException {
    if (store == null) {
      store = DuckDbStore.open(target.path());
    }
    try {
      store.insert(table, columns);
    } finally {
      if (!target.holdOpen()) {
        release();
      }
    }
  }

  private void release() throws SQLException {
    if (store != null) {
      DuckDbStore open = store;
      store = null;
      open.close();
    }
  }

  private void quietRelease() {
    try {
      release();
    } catch (SQLException closing) {
      LOG.debug("closing the DuckDB store after a failed write", closing);
    }
  }

  private DeadLetter deadLetter(Pending row) throws CoderException {
    Object version = row.columns().get("rule_set_version");
    return new DeadLetter(
        CoderUtils.encodeToByteArray(TableRowJsonCoder.of(), TableRows.of(row.columns())),
        Map.of(),
        null,
        DeadLetter.Stage.WRITE,
        STORE_UNAVAILABLE,
        SQLException.class.getName(),
        "the DuckDB store "
            + target.file()
            + " refused the row past the retry budget: "
            + lastError,
        null,
        null,
        clock.instant(),
        version == null ? "unknown" : version.toString());
  }
}
