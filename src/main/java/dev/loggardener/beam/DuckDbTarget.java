package dev.loggardener.beam;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A local DuckDB store to write to, and how: whether the writer holds the file between batches, and
 * how long a batch is retried while the store is locked or unwritable.
 *
 * @param file the database file (a string: paths are not serializable)
 * @param holdOpen keep the file open between batches (a finite local run, nobody reads meanwhile);
 *     otherwise each batch opens the file, writes one transaction and closes it, so that other
 *     processes ({@code worklog}, the {@code duckdb} shell) can open it between batches
 * @param retryFor how long a batch is retried before its issue rows become dead letters (reason
 *     {@code store_unavailable}); dead letters themselves are retried for as long as it takes
 */
public record DuckDbTarget(String file, boolean holdOpen, Duration retryFor)
    implements Serializable {
  /** The retry budget when none is given. */
  public static final Duration DEFAULT_RETRY = Duration.ofSeconds(60);

  public DuckDbTarget {
    Objects.requireNonNull(file, "file");
    if (retryFor.isNegative()) {
      throw new IllegalArgumentException("retryFor must not be negative, got " + retryFor);
    }
  }

  /** Releases the file between batches and retries for {@link #DEFAULT_RETRY}. */
  public static DuckDbTarget shared(Path file) {
    return new DuckDbTarget(file.toString(), false, DEFAULT_RETRY);
  }

  /** The database file. */
  public Path path() {
    return Path.of(file);
  }
}
