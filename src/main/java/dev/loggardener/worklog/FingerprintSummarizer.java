package dev.loggardener.worklog;

import dev.loggardener.aggregate.IssueIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sums the window panes of each fingerprint over a period into {@link FingerprintSummary}s.
 *
 * <p>Deterministic: the result depends only on the set of rows, never on their order; ties are
 * broken by text order.
 */
public final class FingerprintSummarizer {
  /** How many occurrence timestamps a summary keeps as a sample. */
  public static final int SAMPLE_SIZE = 5;

  private static final int MAX_LISTED = 10;

  private FingerprintSummarizer() {}

  /** One summary per fingerprint, sorted by fingerprint. */
  public static List<FingerprintSummary> summarize(Collection<IssueWindow> rows, Period period) {
    Map<String, List<IssueWindow>> byFingerprint = new TreeMap<>();
    for (IssueWindow row : rows) {
      byFingerprint.computeIfAbsent(row.identity().fingerprint(), k -> new ArrayList<>()).add(row);
    }
    List<FingerprintSummary> out = new ArrayList<>();
    byFingerprint.forEach((fingerprint, panes) -> out.add(summarize(fingerprint, panes, period)));
    return out;
  }

  /** Total entries per fingerprint, for the previous period's trends. */
  public static Map<String, Long> totals(Collection<IssueWindow> rows) {
    Map<String, Long> totals = new TreeMap<>();
    for (IssueWindow row : rows) {
      totals.merge(row.identity().fingerprint(), row.entryCount(), Long::sum);
    }
    return totals;
  }

  private static FingerprintSummary summarize(
      String fingerprint, List<IssueWindow> panes, Period period) {
    long total = 0;
    long[] hourly = new long[period.hourBuckets()];
    IssueWindow worst = panes.get(0);
    Instant firstSeen = null;
    Instant lastSeen = null;
    TreeSet<Instant> samples = new TreeSet<>();
    TreeSet<Instant> occurrences = new TreeSet<>();
    TreeSet<String> services = new TreeSet<>();
    TreeSet<String> versions = new TreeSet<>();
    TreeSet<String> traces = new TreeSet<>();
    Map<String, Long> loggers = new TreeMap<>();
    Map<String, Long> exceptions = new TreeMap<>();
    Map<String, Long> messages = new TreeMap<>();
    Map<String, IssueWindow.SourceLocation> locations = new TreeMap<>();
    Map<String, Long> statuses = new TreeMap<>();
    String template = null;
    for (IssueWindow pane : panes) {
      total += pane.entryCount();
      hourly[period.hourBucket(pane.windowStart())] += pane.entryCount();
      if (pane.maxSeverityNumber() > worst.maxSeverityNumber()
          || (pane.maxSeverityNumber() == worst.maxSeverityNumber()
              && pane.maxSeverity().compareTo(worst.maxSeverity()) < 0)) {
        worst = pane;
      }
      firstSeen =
          firstSeen == null || pane.firstSeen().isBefore(firstSeen) ? pane.firstSeen() : firstSeen;
      lastSeen = lastSeen == null || pane.lastSeen().isAfter(lastSeen) ? pane.lastSeen() : lastSeen;
      IssueIdentity identity = pane.identity();
      template =
          template == null || identity.template().compareTo(template) < 0
              ? identity.template()
              : template;
      occurrences.add(pane.firstSeen());
      occurrences.add(pane.lastSeen());
      services.add(identity.service());
      versions.addAll(pane.versions());
      traces.addAll(pane.traceIds());
      pane.httpStatusClasses().forEach((k, v) -> statuses.merge(k, v, Long::sum));
      count(loggers, identity.logger(), pane.entryCount());
      count(exceptions, identity.exceptionType(), pane.entryCount());
      for (IssueWindow.Example example : pane.examples()) {
        samples.add(example.timestamp());
        occurrences.add(example.timestamp());
        count(messages, example.message(), 1);
        if (example.trace() != null && !example.trace().isEmpty()) {
          traces.add(example.trace());
        }
      }
      for (IssueWindow.SourceLocation location : pane.sourceLocations()) {
        locations.putIfAbsent(location.describe(), location);
      }
    }
    if (samples.isEmpty()) {
      samples.addAll(occurrences);
    }
    List<Long> histogram = new ArrayList<>();
    for (long count : hourly) {
      histogram.add(count);
    }
    return new FingerprintSummary(
        fingerprint,
        panes.get(0).identity().projectId(),
        template,
        mostFrequent(messages).orElse(template),
        worst.maxSeverity(),
        worst.maxSeverityNumber(),
        total,
        firstSeen,
        lastSeen,
        samples.descendingSet().stream().limit(SAMPLE_SIZE).toList(),
        histogram,
        List.copyOf(services),
        versions.stream().limit(MAX_LISTED).toList(),
        mostFrequent(loggers).orElse(null),
        locations.values().stream().limit(MAX_LISTED).toList(),
        mostFrequent(exceptions).orElse(null),
        List.copyOf(traces),
        List.copyOf(occurrences),
        statuses);
  }

  private static void count(Map<String, Long> counts, String key, long by) {
    if (key != null && !key.isEmpty()) {
      counts.merge(key, by, Long::sum);
    }
  }

  /** The key with the highest count; the first in text order among equals. */
  private static Optional<String> mostFrequent(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .max(
            Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
        .map(Map.Entry::getKey);
  }
}
