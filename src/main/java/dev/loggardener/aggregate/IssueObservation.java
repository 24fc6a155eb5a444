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
 * @param fingerprint the fine fingerprint id (64 hex characters)
 * @param template the normalized, redacted template
 * @param ruleSetVersion the version of the rules that made the fingerprint
 * @param resourceType the monitored resource type
 * @param service the service name; may be empty
 * @param logger the logger name, or null
 * @param exceptionType the innermost exception type, or null
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
    String fingerprint,
    String template,
    String ruleSetVersion,
    String resourceType,
    String service,
    String logger,
    String exceptionType,
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
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(message, "message");
  }

  /**
   * The grouping key: fingerprint, resource type and service, separated by a character that none of
   * them contains, so that one row never mixes services even if the rules ignore identity.
   */
  public String groupKey() {
    return fingerprint + '\u001f' + resourceType + '\u001f' + service;
  }
}
