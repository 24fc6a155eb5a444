package dev.loggardener.sink;

import dev.loggardener.aggregate.IssueAggregate;
import dev.loggardener.aggregate.IssueExample;
import dev.loggardener.aggregate.IssueWindow;
import dev.loggardener.logentry.SourceLocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Maps an {@link IssueWindow} to an {@code issue_windows} column map (deploy/bigquery schema). */
public final class IssueWindowRowMapper {
  /** The table name, which is also the schema file's base name. */
  public static final String TABLE = "issue_windows";

  private IssueWindowRowMapper() {}

  /**
   * The row for one pane; null fields are left out.
   *
   * @param processedAt when the pane is written
   */
  public static Map<String, Object> toColumns(IssueWindow window, Instant processedAt) {
    IssueAggregate a = window.aggregate();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("window_start", window.windowStart());
    row.put("window_end", window.windowEnd());
    a.identity().putColumns(row);
    row.put("max_severity", a.maxSeverity().name());
    row.put("max_severity_number", (long) a.maxSeverity().number());
    row.put("entry_count", a.entryCount());
    row.put("first_seen", a.firstSeen());
    row.put("last_seen", a.lastSeen());
    row.put("pane_timing", window.paneTiming().name());
    row.put("pane_index", window.paneIndex());
    row.put("examples", a.examples().stream().map(IssueWindowRowMapper::example).toList());
    row.put("versions", a.versions());
    row.put("instances", a.instances());
    row.put(
        "source_locations",
        a.sourceLocations().stream().map(IssueWindowRowMapper::location).toList());
    List<Map<String, Object>> statuses = new ArrayList<>();
    new TreeMap<>(a.httpStatusClasses())
        .forEach(
            (statusClass, count) -> {
              Map<String, Object> status = new LinkedHashMap<>();
              status.put("status_class", statusClass);
              status.put("entry_count", count);
              statuses.add(status);
            });
    row.put("http_status_classes", statuses);
    row.put("trace_ids", a.traceIds());
    row.put("processed_at", processedAt);
    return row;
  }

  private static Map<String, Object> example(IssueExample e) {
    Map<String, Object> example = new LinkedHashMap<>();
    example.put("message", e.message());
    example.put("timestamp", e.timestamp());
    DeadLetterRowMapper.putIfPresent(example, "insert_id", e.insertId());
    DeadLetterRowMapper.putIfPresent(example, "trace", e.trace());
    return example;
  }

  private static Map<String, Object> location(SourceLocation l) {
    Map<String, Object> location = new LinkedHashMap<>();
    DeadLetterRowMapper.putIfPresent(location, "file", l.file());
    DeadLetterRowMapper.putIfPresent(location, "line", l.line());
    DeadLetterRowMapper.putIfPresent(location, "function", l.function());
    return location;
  }
}
