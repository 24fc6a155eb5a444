package dev.loggardener.logentry;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One Cloud Logging {@code LogEntry}, reduced to what grouping and reporting need.
 *
 * @param timestamp the event time; never null
 * @param timestampSource which field supplied {@code timestamp}
 * @param receiveTimestamp when Cloud Logging received the entry, or null
 * @param insertId the entry's insert id, or null
 * @param logName the full log name, e.g. {@code projects/p/logs/run.googleapis.com%2Fstderr}, or
 *     null
 * @param logId the URL-decoded log id, e.g. {@code run.googleapis.com/stderr}, or null
 * @param severity the entry's severity, or the inferred one
 * @param severityInferred whether {@code severity} was inferred from the payload
 * @param service who wrote the entry
 * @param labels the entry's user labels; never null
 * @param trace the bare trace id (without {@code projects/P/traces/}), or null
 * @param spanId the span id, or null
 * @param sourceLocation where in the code the entry was written, or null
 * @param httpRequest the request an access log describes, or null
 * @param logger the logger or module name, or null
 * @param message the message text; never null, may be empty
 * @param stackTrace the stack trace the message carries, or null
 * @param split the split marker of a split entry, or null
 */
public record LogEntry(
    Instant timestamp,
    TimestampSource timestampSource,
    Instant receiveTimestamp,
    String insertId,
    String logName,
    String logId,
    Severity severity,
    boolean severityInferred,
    ServiceIdentity service,
    Map<String, String> labels,
    String trace,
    String spanId,
    SourceLocation sourceLocation,
    HttpRequest httpRequest,
    String logger,
    String message,
    StackTrace stackTrace,
    Split split)
    implements Serializable {
  public LogEntry {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(timestampSource, "timestampSource");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(service, "service");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(message, "message");
  }
}
