package dev.loggardener.worklog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds the revisions a category's entries come from, and the revision that looks like its cause:
 * the only one of several revisions serving the service that shows it, or a revision that started
 * logging within the period (or the look-back before it), after the service had already logged, and
 * carries at least {@link #SUSPECT_SHARE} of the entries.
 *
 * <p>A revision's first entry is the earliest {@code first_seen} of the panes naming it among the
 * rows read (the period and the one before it), across every fingerprint of its service. Panes are
 * one window long, so this and the category's first entry in the revision are known to about one
 * window. The look-back is capped at the period's length, since only the period before is read.
 * Pure and deterministic.
 */
final class RevisionAnalyzer {
  /** Share of a category's entries from one new revision from which that revision is suspect. */
  static final double SUSPECT_SHARE = 0.9;

  private final Period period;
  private final Duration lookBack;
  private final Map<String, List<IssueWindow>> currentByFingerprint = new TreeMap<>();
  private final Map<String, Map<String, Instant>> revisionStart = new TreeMap<>();
  private final Map<String, Instant> serviceStart = new TreeMap<>();
  private final Map<String, Set<String>> serving = new TreeMap<>();

  RevisionAnalyzer(
      List<IssueWindow> current, List<IssueWindow> previous, Period period, Duration lookBack) {
    this.period = period;
    this.lookBack = lookBack.compareTo(period.length()) > 0 ? period.length() : lookBack;
    for (IssueWindow row : current) {
      currentByFingerprint
          .computeIfAbsent(row.identity().fingerprint(), k -> new ArrayList<>())
          .add(row);
      serving.computeIfAbsent(service(row), k -> new TreeSet<>()).addAll(row.versions());
    }
    Stream.concat(current.stream(), previous.stream())
        .forEach(
            row -> {
              serviceStart.merge(service(row), row.firstSeen(), RevisionAnalyzer::earlier);
              Map<String, Instant> starts =
                  revisionStart.computeIfAbsent(service(row), k -> new TreeMap<>());
              row.versions()
                  .forEach(v -> starts.merge(v, row.firstSeen(), RevisionAnalyzer::earlier));
            });
  }

  /** The revision evidence of a category with these members and {@code total} entries. */
  RevisionEvidence evidence(List<FingerprintSummary> members, long total) {
    Map<String, Long> attributed = new TreeMap<>();
    Map<String, Instant> firstIn = new TreeMap<>();
    long shared = 0;
    long unknown = 0;
    for (FingerprintSummary member : members) {
      for (IssueWindow pane : currentByFingerprint.getOrDefault(member.fingerprint(), List.of())) {
        if (pane.versions().isEmpty()) {
          unknown += pane.entryCount();
        } else if (pane.versions().size() == 1) {
          attributed.merge(pane.versions().get(0), pane.entryCount(), Long::sum);
        } else {
          shared += pane.entryCount();
        }
        pane.versions().forEach(v -> firstIn.merge(v, pane.firstSeen(), RevisionAnalyzer::earlier));
      }
    }
    if (firstIn.isEmpty()) {
      return RevisionEvidence.NONE;
    }
    List<RevisionEvidence.Share> shares =
        attributed.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .map(
                e ->
                    new RevisionEvidence.Share(
                        e.getKey(), e.getValue(), share(e.getValue(), total)))
            .toList();
    String service = service(members.get(0).projectId(), members.get(0).service());
    RevisionEvidence.Suspect suspect = suspect(service, firstIn, shares, total);
    return new RevisionEvidence(shares, List.copyOf(firstIn.keySet()), shared, unknown, suspect);
  }

  private RevisionEvidence.Suspect suspect(
      String service,
      Map<String, Instant> firstIn,
      List<RevisionEvidence.Share> shares,
      long total) {
    Set<String> servingRevisions = serving.getOrDefault(service, Set.of());
    Map<String, Instant> starts = revisionStart.getOrDefault(service, Map.of());
    if (shares.isEmpty()) {
      return null;
    }
    RevisionEvidence.Share top = shares.get(0);
    Instant start = starts.get(top.revision());
    if (start == null) {
      return null;
    }
    Duration after = Duration.between(start, firstIn.get(top.revision()));
    after = after.isNegative() ? Duration.ZERO : after;
    if (firstIn.size() == 1 && servingRevisions.size() > 1) {
      return new RevisionEvidence.Suspect(
          top.revision(), "only_revision", top.share(), servingRevisions.size(), after);
    }
    boolean startedRecently = !start.isBefore(period.from().minus(lookBack));
    boolean afterOthers = start.isAfter(serviceStart.get(service));
    if (top.share() >= SUSPECT_SHARE && startedRecently && afterOthers) {
      return new RevisionEvidence.Suspect(
          top.revision(), "new_revision", top.share(), servingRevisions.size(), after);
    }
    return null;
  }

  /** A service of one project: services of different projects are never mixed. */
  private static String service(IssueWindow row) {
    return service(row.identity().projectId(), row.identity().service());
  }

  private static String service(String projectId, String service) {
    return (projectId == null ? "" : projectId) + '\u0000' + service;
  }

  private static double share(long entries, long total) {
    return total == 0 ? 0 : (double) entries / total;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
