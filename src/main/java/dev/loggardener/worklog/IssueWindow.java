package dev.loggardener.worklog;

import dev.loggardener.aggregate.IssueIdentity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One row of the {@code issue_windows} table as the worklog reads it: the counts of one fingerprint
 * in one event-time window pane. Panes discard, so summing {@link #entryCount} over rows gives
 * totals.
 *
 * @param versions distinct revisions or versions of the pane's entries (bounded); a pane with one
 *     version attributes all its entries to it
 * @param httpStatusClasses entries per HTTP status class such as {@code 5xx}, for request logs
 */
public record IssueWindow(
    Instant windowStart,
    Instant windowEnd,
    IssueIdentity identity,
    String maxSeverity,
    long maxSeverityNumber,
    long entryCount,
    Instant firstSeen,
    Instant lastSeen,
    List<Example> examples,
    List<String> versions,
    List<SourceLocation> sourceLocations,
    List<String> traceIds,
    Map<String, Long> httpStatusClasses) {

  /** One redacted example message with its timestamp and bare trace id. */
  public record Example(String message, Instant timestamp, String trace) {
    public Example {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(timestamp, "timestamp");
    }
  }

  /** One source location: file, line and function, each possibly unknown. */
  public record SourceLocation(String file, Long line, String function) {
    /** {@code file:line function}, leaving out what is unknown. */
    public String describe() {
      String where = file == null ? "" : file + (line == null ? "" : ":" + line);
      return (where + (function == null ? "" : " " + function)).trim();
    }
  }

  public IssueWindow {
    Objects.requireNonNull(windowStart, "window_start");
    Objects.requireNonNull(windowEnd, "window_end");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(maxSeverity, "max_severity");
    Objects.requireNonNull(firstSeen, "first_seen");
    Objects.requireNonNull(lastSeen, "last_seen");
    if (entryCount < 0) {
      throw new IllegalArgumentException("entry_count is negative: " + entryCount);
    }
    examples = List.copyOf(examples);
    versions = List.copyOf(versions);
    sourceLocations = List.copyOf(sourceLocations);
    traceIds = List.copyOf(traceIds);
    httpStatusClasses = Map.copyOf(httpStatusClasses);
  }

  /**
   * Reads a row from a column map keyed by the {@code issue_windows} column names; timestamps may
   * be {@link Instant}, {@link OffsetDateTime} or RFC 3339 text, numbers any {@link Number}.
   */
  public static IssueWindow fromColumns(Map<String, ?> row) {
    return new IssueWindow(
        instant(row.get("window_start")),
        instant(row.get("window_end")),
        IssueIdentity.fromColumns(row),
        (String) row.get("max_severity"),
        number(row.get("max_severity_number")),
        number(row.get("entry_count")),
        instant(row.get("first_seen")),
        instant(row.get("last_seen")),
        records(row.get("examples")).stream()
            .map(
                e ->
                    new Example(
                        (String) e.get("message"),
                        instant(e.get("timestamp")),
                        (String) e.get("trace")))
            .toList(),
        strings(row.get("versions")),
        records(row.get("source_locations")).stream()
            .map(
                s ->
                    new SourceLocation(
                        (String) s.get("file"),
                        s.get("line") == null ? null : number(s.get("line")),
                        (String) s.get("function")))
            .toList(),
        strings(row.get("trace_ids")),
        statusClasses(row.get("http_status_classes")));
  }

  private static Map<String, Long> statusClasses(Object value) {
    Map<String, Long> counts = new TreeMap<>();
    for (Map<?, ?> status : records(value)) {
      counts.merge(
          (String) status.get("status_class"), number(status.get("entry_count")), Long::sum);
    }
    return counts;
  }

  private static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    return OffsetDateTime.parse(value.toString()).toInstant();
  }

  private static long number(Object value) {
    if (value instanceof Number number) {
      return number.longValue();
    }
    if (value == null) {
      throw new IllegalArgumentException("missing number");
    }
    return Long.parseLong(value.toString());
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item != null) {
          out.add(item.toString());
        }
      }
    }
    return out;
  }

  private static List<Map<?, ?>> records(Object value) {
    List<Map<?, ?>> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> map) {
          out.add(map);
        }
      }
    }
    return out;
  }
}
