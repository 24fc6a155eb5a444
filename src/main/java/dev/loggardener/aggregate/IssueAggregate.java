package dev.loggardener.aggregate;

import dev.loggardener.logentry.Severity;
import dev.loggardener.logentry.SourceLocation;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The totals of one fingerprint over a set of entries (one pane of one window).
 *
 * <p>Bounded collections keep the smallest values in their natural order (examples: earliest
 * first), so the result does not depend on the order in which entries or partial aggregates met.
 *
 * @param identity the smallest identity seen in {@link IssueIdentity#ORDER}; entries grouped
 *     together share fingerprint, project, resource type and service
 * @param maxSeverity the highest severity seen
 * @param entryCount how many entries were counted; at least 1
 * @param firstSeen the earliest entry time
 * @param lastSeen the latest entry time
 * @param examples distinct example messages, earliest first
 * @param versions distinct versions, sorted
 * @param instances distinct instances, sorted
 * @param sourceLocations distinct source locations, sorted by file, line, function
 * @param httpStatusClasses entry counts per HTTP status class such as {@code 5xx}, sorted by class
 * @param traceIds distinct trace ids, sorted
 */
public record IssueAggregate(
    IssueIdentity identity,
    Severity maxSeverity,
    long entryCount,
    Instant firstSeen,
    Instant lastSeen,
    List<IssueExample> examples,
    List<String> versions,
    List<String> instances,
    List<SourceLocation> sourceLocations,
    Map<String, Long> httpStatusClasses,
    List<String> traceIds)
    implements Serializable {
  public IssueAggregate {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(maxSeverity, "maxSeverity");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    if (entryCount < 1) {
      throw new IllegalArgumentException("entryCount must be positive, got " + entryCount);
    }
    if (lastSeen.isBefore(firstSeen)) {
      throw new IllegalArgumentException("lastSeen " + lastSeen + " before firstSeen " + firstSeen);
    }
    examples = List.copyOf(examples);
    versions = List.copyOf(versions);
    instances = List.copyOf(instances);
    sourceLocations = List.copyOf(sourceLocations);
    httpStatusClasses = Map.copyOf(httpStatusClasses);
    traceIds = List.copyOf(traceIds);
  }
}
