package dev.loggardener.worklog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where the worklog reads {@code issue_windows} rows from: the DuckDB store or BigQuery. */
public interface IssueWindowSource extends AutoCloseable {

  /** The rows whose window starts inside the period. */
  List<IssueWindow> windows(Period period) throws Exception;

  /**
   * For each fingerprint seen in the period, the earliest {@code first_seen} stored before the
   * period's end (which tells a new fingerprint from one that is back after a quiet spell).
   */
  Map<String, Instant> firstSeen(Period period) throws Exception;

  /** The end of the latest stored window, or empty when the table is empty. */
  Optional<Instant> latestWindowEnd() throws Exception;

  /** Human-readable name of the source, e.g. the file or the dataset. */
  String describe();
}
