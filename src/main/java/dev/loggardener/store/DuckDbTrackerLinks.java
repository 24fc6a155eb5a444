package dev.loggardener.store;

import dev.loggardener.tracker.TrackerLink;
import dev.loggardener.tracker.TrackerLinks;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code tracker_links} table of a DuckDB store, beside {@code issue_windows} so that analysts
 * can join fingerprints to their issues. Append-only; the latest row per fingerprint and repository
 * is current.
 */
public final class DuckDbTrackerLinks implements TrackerLinks {
  static final String TABLE = "tracker_links";

  private final DuckDbStore store;

  /** Over a store opened for writing; the caller closes it. */
  public DuckDbTrackerLinks(DuckDbStore store) {
    this.store = store;
  }

  @Override
  public Map<String, TrackerLink> latest(String repository) throws SQLException {
    Map<String, TrackerLink> links = new LinkedHashMap<>();
    String sql =
        """
        SELECT fingerprint, repository, issue_number, issue_url, state, action,
               period_start, period_end, updated_at
        FROM tracker_links
        WHERE repository = ?
        QUALIFY row_number() OVER (
          PARTITION BY fingerprint ORDER BY updated_at DESC, issue_number DESC) = 1
        ORDER BY fingerprint""";
    try (PreparedStatement statement = store.connection().prepareStatement(sql)) {
      statement.setString(1, repository);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          TrackerLink link =
              new TrackerLink(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getLong(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getString(6),
                  instant(rows, 7),
                  instant(rows, 8),
                  instant(rows, 9));
          links.put(link.fingerprint(), link);
        }
      }
    }
    return links;
  }

  @Override
  public void record(List<TrackerLink> links) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (TrackerLink link : links) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("fingerprint", link.fingerprint());
      row.put("repository", link.repository());
      row.put("issue_number", link.issueNumber());
      row.put("issue_url", link.issueUrl());
      row.put("state", link.state());
      row.put("action", link.action());
      row.put("period_start", link.periodFrom());
      row.put("period_end", link.periodTo());
      row.put("updated_at", link.updatedAt());
      rows.add(row);
    }
    store.insert(TABLE, rows);
  }

  private static Instant instant(ResultSet rows, int column) throws SQLException {
    return rows.getObject(column, OffsetDateTime.class).toInstant();
  }
}
