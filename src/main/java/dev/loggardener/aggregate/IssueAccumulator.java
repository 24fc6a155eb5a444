package dev.loggardener.aggregate;

import dev.loggardener.logentry.Severity;
import dev.loggardener.logentry.SourceLocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Mutable running totals of one fingerprint, merged associatively and commutatively.
 *
 * <p>It is the accumulator of the aggregation's combine function: entries are added on many workers
 * and the partial results merged in any order. Every field is merged with an operation that ignores
 * order (sum, min, max, "keep the N smallest"), so the final {@link IssueAggregate} is the same for
 * every grouping of the same entries. Not thread-safe.
 */
public final class IssueAccumulator {
  private static final Comparator<SourceLocation> LOCATION_ORDER =
      Comparator.comparing(SourceLocation::file, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(SourceLocation::line, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(
              SourceLocation::function, Comparator.nullsFirst(Comparator.naturalOrder()));

  private final AggregationLimits limits;
  private long entryCount;
  private IssueIdentity identity;
  private Severity maxSeverity;
  private Instant firstSeen;
  private Instant lastSeen;
  private final Map<String, IssueExample> examplesByMessage = new HashMap<>();
  private final TreeSet<String> versions = new TreeSet<>();
  private final TreeSet<String> instances = new TreeSet<>();
  private final TreeSet<SourceLocation> sourceLocations = new TreeSet<>(LOCATION_ORDER);
  private final TreeMap<String, Long> httpStatusClasses = new TreeMap<>();
  private final TreeSet<String> traceIds = new TreeSet<>();

  /** An empty accumulator. */
  public IssueAccumulator(AggregationLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Whether nothing has been added yet. */
  public boolean isEmpty() {
    return entryCount == 0;
  }

  /** Counts one entry. */
  public IssueAccumulator add(IssueObservation o) {
    entryCount++;
    identity(o.identity());
    maxSeverity = maxSeverity == null ? o.severity() : Severity.max(maxSeverity, o.severity());
    seen(o.timestamp(), o.timestamp());
    addExample(new IssueExample(o.message(), o.timestamp(), o.insertId(), o.trace()));
    addBounded(versions, o.version());
    addBounded(instances, o.instance());
    addBounded(sourceLocations, o.sourceLocation());
    addBounded(traceIds, o.trace());
    if (o.httpStatus() != null) {
      httpStatusClasses.merge(statusClass(o.httpStatus()), 1L, Long::sum);
    }
    return this;
  }

  /** Adds another accumulator's totals to this one. */
  public IssueAccumulator merge(IssueAccumulator other) {
    if (!other.isEmpty()) {
      addPartial(other.toAggregate());
    }
    return this;
  }

  /** The totals so far; only valid when at least one entry was added. */
  public IssueAggregate toAggregate() {
    if (isEmpty()) {
      throw new IllegalStateException("no entries were added");
    }
    List<IssueExample> examples = new ArrayList<>(examplesByMessage.values());
    examples.sort(IssueExample.ORDER);
    return new IssueAggregate(
        identity,
        maxSeverity,
        entryCount,
        firstSeen,
        lastSeen,
        examples,
        List.copyOf(versions),
        List.copyOf(instances),
        List.copyOf(sourceLocations),
        httpStatusClasses,
        List.copyOf(traceIds));
  }

  /** The class of an HTTP status, e.g. {@code 5xx}; statuses outside 100-599 are {@code other}. */
  public static String statusClass(int status) {
    return status >= 100 && status <= 599 ? (status / 100) + "xx" : "other";
  }

  /** Adds a partial result, as if its entries had been added one by one. */
  public IssueAccumulator addPartial(IssueAggregate a) {
    entryCount += a.entryCount();
    identity(a.identity());
    maxSeverity =
        maxSeverity == null ? a.maxSeverity() : Severity.max(maxSeverity, a.maxSeverity());
    seen(a.firstSeen(), a.lastSeen());
    a.examples().forEach(this::addExample);
    a.versions().forEach(v -> addBounded(versions, v));
    a.instances().forEach(i -> addBounded(instances, i));
    a.sourceLocations().forEach(l -> addBounded(sourceLocations, l));
    a.traceIds().forEach(t -> addBounded(traceIds, t));
    a.httpStatusClasses().forEach((k, v) -> httpStatusClasses.merge(k, v, Long::sum));
    return this;
  }

  private void identity(IssueIdentity seen) {
    identity = identity == null ? seen : identity.min(seen);
  }

  private void seen(Instant first, Instant last) {
    firstSeen = firstSeen == null || first.isBefore(firstSeen) ? first : firstSeen;
    lastSeen = lastSeen == null || last.isAfter(lastSeen) ? last : lastSeen;
  }

  /** Keeps, per distinct message, its smallest example, and only the N smallest of those. */
  private void addExample(IssueExample example) {
    IssueExample known = examplesByMessage.get(example.message());
    if (known != null && IssueExample.ORDER.compare(known, example) <= 0) {
      return;
    }
    examplesByMessage.put(example.message(), example);
    if (examplesByMessage.size() > limits.maxExamples()) {
      IssueExample largest =
          examplesByMessage.values().stream().max(IssueExample.ORDER).orElseThrow();
      examplesByMessage.remove(largest.message());
    }
  }

  private <T> void addBounded(TreeSet<T> set, T value) {
    if (value == null) {
      return;
    }
    set.add(value);
    if (set.size() > limits.maxDistinctValues()) {
      set.pollLast();
    }
  }
}
