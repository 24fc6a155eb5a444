package dev.loggardener.beam;

import dev.loggardener.store.DuckDbStore;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableBiFunction;

/**
 * Writes elements to one table of a local DuckDB store in batches through {@link DuckDbStore}.
 *
 * <p>Rows are flushed every {@link #BATCH_ROWS} rows and at the end of each bundle, so a streaming
 * run makes rows visible within a bundle. A failed insert fails the bundle and the runner retries
 * it; the store is for local runs, where a failure should stop the run loudly.
 *
 * @param <T> the element type
 */
final class DuckDbWriteFn<T> extends DoFn<T, Void> {
  static final int BATCH_ROWS = 2_000;

  private final String file;
  private final String table;
  private final SerializableBiFunction<T, Instant, Map<String, Object>> toColumns;
  private final Clock clock;
  private final Counter written;
  private transient DuckDbStore store;
  private transient List<Map<String, Object>> batch;

  /**
   * @param toColumns maps an element and the write time to its column map
   * @param counter the counter of written rows, e.g. {@code write/issue_windows}
   */
  DuckDbWriteFn(
      Path file,
      String table,
      SerializableBiFunction<T, Instant, Map<String, Object>> toColumns,
      Clock clock,
      Counter counter) {
    this.file = file.toString();
    this.table = table;
    this.toColumns = toColumns;
    this.clock = clock;
    this.written = counter;
  }

  @Setup
  public void setup() throws SQLException {
    store = DuckDbStore.open(Path.of(file));
    batch = new ArrayList<>();
  }

  @ProcessElement
  public void process(@Element T element) throws SQLException {
    batch.add(toColumns.apply(element, clock.instant()));
    if (batch.size() >= BATCH_ROWS) {
      flush();
    }
  }

  @FinishBundle
  public void finishBundle() throws SQLException {
    flush();
  }

  @Teardown
  public void teardown() throws SQLException {
    if (store != null) {
      store.close();
    }
  }

  private void flush() throws SQLException {
    if (batch.isEmpty()) {
      return;
    }
    store.insert(table, batch);
    written.inc(batch.size());
    batch = new ArrayList<>();
  }
}
