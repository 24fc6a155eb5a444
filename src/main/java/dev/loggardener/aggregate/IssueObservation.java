package dev.loggardener.aggregate;

import dev.loggardener.logentry.Severity;
import dev.loggardener.logentry.SourceLocation;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * What aggregation needs from one fingerprinted entry: small enough to travel through a shuffle.
 *
 * <p>Every text field is already redacted by the fingerprinter.
 *
 * @param identity what the entry is an occurrence of
 * @param severity the entry's severity
 * @param timestamp the entry's event time
 * @param message the redacted message
 * @param insertId the entry's insert id, or null
 * @param trace the bare trace id, or null
 * @param version the deployed revision or version, or null
 * @param instance the instance or pod, or null
 * @param sourceLocation where the entry was written, or null
 * @param httpStatus the HTTP response status, or null
 */
public record IssueObservation(
    IssueIdentity identity,
    Severity severity,
    Instant timestamp,
    String message,
    String insertId,
    String trace,
    String version,
    String instance,
    SourceLocation sourceLocation,
    Integer httpStatus)
    implements Serializable {
  public IssueObservation {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(message, "message");
  }
}
