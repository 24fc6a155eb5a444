package dev.loggardener.worklog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the worklog knows about one fingerprint over one period, summed over its window panes.
 *
 * @param projectId the project of the fingerprint's entries (part of the fingerprint), or null
 * @param hourly entry counts per hour of the period, oldest first
 * @param sampleTimestamps up to {@link FingerprintSummarizer#SAMPLE_SIZE} occurrence times, newest
 *     first
 * @param message one representative redacted message (the most frequent example, else the template)
 * @param occurrences every known occurrence time (examples, first and last seen of each pane),
 *     sorted, used to find fingerprints that fire together
 * @param httpStatusClasses entries per HTTP status class ({@code 2xx}, {@code 5xx}, …); empty for
 *     entries that are not request logs
 */
public record FingerprintSummary(
    String fingerprint,
    String projectId,
    String template,
    String message,
    String maxSeverity,
    long maxSeverityNumber,
    long total,
    Instant firstSeen,
    Instant lastSeen,
    List<Instant> sampleTimestamps,
    List<Long> hourly,
    List<String> services,
    List<String> versions,
    String logger,
    List<IssueWindow.SourceLocation> sourceLocations,
    String exceptionType,
    List<String> traceIds,
    List<Instant> occurrences,
    Map<String, Long> httpStatusClasses) {
  public FingerprintSummary {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(message, "message");
    sampleTimestamps = List.copyOf(sampleTimestamps);
    hourly = List.copyOf(hourly);
    services = List.copyOf(services);
    versions = List.copyOf(versions);
    sourceLocations = List.copyOf(sourceLocations);
    traceIds = List.copyOf(traceIds);
    occurrences = List.copyOf(occurrences);
    httpStatusClasses = Map.copyOf(httpStatusClasses);
  }

  /** The primary service (first in sorted order). */
  public String service() {
    return services.isEmpty() ? "" : services.get(0);
  }
}
