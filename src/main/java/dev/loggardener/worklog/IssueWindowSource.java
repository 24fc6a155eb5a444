package dev.loggardener.worklog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where the worklog reads {@code issue_windows} rows from: the DuckDB store or BigQuery.
 *
 * <p>Both run the same SQL files from {@code pipelines/worklog-report/}; a source only says how to
 * run one of them, and the rows are read the same way for every source.
 */
public interface IssueWindowSource extends AutoCloseable {

  /**
   * Runs one of the shipped SQL files, binding {@code @from} and {@code @to} to the period when it
   * is given, and {@code @project} to {@link #project()}.
   *
   * @return the result rows keyed by column name; timestamps as {@link Instant}
   */
  List<Map<String, Object>> query(String sqlFile, Period period) throws Exception;

  /** Human-readable name of the source, e.g. the file or the dataset. */
  String describe();

  /** The only project whose rows this source reads, or null for every project. */
  String project();

  /** The rows whose window starts inside the period. */
  default List<IssueWindow> windows(Period period) throws Exception {
    List<IssueWindow> rows = new ArrayList<>();
    for (Map<String, Object> row : query("issue_windows.sql", period)) {
      rows.add(IssueWindow.fromColumns(row));
    }
    return rows;
  }

  /**
   * For each fingerprint seen in the period, the earliest {@code first_seen} stored before the
   * period's end (which tells a new fingerprint from one that is back after a quiet spell).
   */
  default Map<String, Instant> firstSeen(Period period) throws Exception {
    Map<String, Instant> firstSeen = new TreeMap<>();
    for (Map<String, Object> row : query("first_seen.sql", period)) {
      firstSeen.put((String) row.get("fingerprint"), (Instant) row.get("first_seen"));
    }
    return firstSeen;
  }

  /**
   * The start of the earliest stored window, or empty when the table is empty: the worklog has a
   * baseline only when this lies before its period.
   */
  default Optional<Instant> earliestWindowStart() throws Exception {
    return query("earliest_window.sql", null).stream()
        .map(row -> (Instant) row.get("earliest_window_start"))
        .filter(Objects::nonNull)
        .findFirst();
  }

  /** The end of the latest stored window, or empty when the table is empty. */
  default Optional<Instant> latestWindowEnd() throws Exception {
    return query("latest_window.sql", null).stream()
        .map(row -> (Instant) row.get("latest_window_end"))
        .filter(Objects::nonNull)
        .findFirst();
  }
}
