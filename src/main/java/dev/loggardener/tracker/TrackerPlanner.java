package dev.loggardener.tracker;

import dev.loggardener.worklog.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides what the tracker step writes for a period, from the problems and what the tracker already
 * holds. Pure: same input, same plan.
 *
 * <p>Per problem: the issue it follows is its lowest-numbered open issue with its marker, else its
 * highest-numbered closed one. With none, the plan creates one (at most {@link
 * TrackerSettings#maxCreations()} per run). With the period's marker already in the issue body or a
 * comment, nothing is written, whatever the issue's state: running a period again writes nothing.
 * Otherwise an open issue gets the evidence as a comment; a closed one is reopened with a
 * "regressed" comment, or, when reopening is off, a new issue refers to it. Two problems sharing a
 * relation key (a trace, an error code) held by at most {@link #MAX_SHARING_PROBLEMS} problems, and
 * a problem whose category now holds a fingerprint that has its own issue, are cross-linked by one
 * comment, unless either side already names the other.
 */
public final class TrackerPlanner {
  /** A relation key shared by more problems than this is too common to relate them. */
  public static final int MAX_SHARING_PROBLEMS = 4;

  private final TrackerSettings settings;

  public TrackerPlanner(TrackerSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * The plan of a period.
   *
   * @param problems the period's P0–P1 problems, most urgent first
   * @param issuesByFingerprint known issues per marked fingerprint (any state)
   * @param threads body and comment texts of the issues problems follow, by issue number
   */
  public TrackerPlan plan(
      List<Problem> problems,
      Period period,
      Map<String, List<RemoteIssue>> issuesByFingerprint,
      Map<Long, List<String>> threads) {
    List<TrackerPlan.Entry> entries = new ArrayList<>();
    int creations = 0;
    for (Problem problem : problems) {
      List<RemoteIssue> candidates =
          issuesByFingerprint.getOrDefault(problem.fingerprint(), List.of());
      RemoteIssue issue = chosen(candidates).orElse(null);
      String duplicates = duplicates(candidates, issue);
      List<TrackerPlan.Step> steps = new ArrayList<>();
      String note = duplicates;
      if (issue != null && mentions(threads.get(issue.number()), period)) {
        note = join("evidence of this period already there", duplicates);
      } else if (issue != null && issue.open()) {
        steps.add(new TrackerPlan.Comment(IssueText.comment(problem, period, false), false));
      } else if (issue != null && settings.reopenRegressions()) {
        steps.add(new TrackerPlan.Reopen());
        steps.add(new TrackerPlan.Comment(IssueText.comment(problem, period, true), true));
      } else if (creations >= settings.maxCreations()) {
        note =
            join(
                "not created: the cap of "
                    + settings.maxCreations()
                    + " new issues per run is reached",
                duplicates);
      } else {
        creations++;
        steps.add(
            new TrackerPlan.Create(
                IssueText.title(problem), IssueText.body(problem, period, issue), labels(problem)));
      }
      entries.add(new TrackerPlan.Entry(problem, issue, steps, note));
    }
    return new TrackerPlan(period, entries, crossLinks(entries, issuesByFingerprint, threads));
  }

  private List<String> labels(Problem problem) {
    List<String> labels = new ArrayList<>();
    labels.add(settings.label());
    problem.labels().stream().filter(l -> !labels.contains(l)).forEach(labels::add);
    return labels;
  }

  /** The lowest-numbered open issue, else the highest-numbered closed one. */
  static Optional<RemoteIssue> chosen(List<RemoteIssue> candidates) {
    Optional<RemoteIssue> open =
        candidates.stream()
            .filter(RemoteIssue::open)
            .min(Comparator.comparingLong(RemoteIssue::number));
    return open.isPresent()
        ? open
        : candidates.stream().max(Comparator.comparingLong(RemoteIssue::number));
  }

  private static String duplicates(List<RemoteIssue> candidates, RemoteIssue chosen) {
    String others =
        candidates.stream()
            .filter(i -> i.open() && i != chosen)
            .sorted(Comparator.comparingLong(RemoteIssue::number))
            .map(RemoteIssue::reference)
            .collect(Collectors.joining(", "));
    return others.isEmpty() ? "" : "also open with the same marker, left alone: " + others;
  }

  private static boolean mentions(List<String> thread, Period period) {
    return thread != null && thread.stream().anyMatch(text -> Markers.hasPeriod(text, period));
  }

  private static String join(String a, String b) {
    return b.isEmpty() ? a : a + "; " + b;
  }

  private List<TrackerPlan.CrossLink> crossLinks(
      List<TrackerPlan.Entry> entries,
      Map<String, List<RemoteIssue>> issuesByFingerprint,
      Map<Long, List<String>> threads) {
    Map<String, TrackerPlan.Entry> tracked = new LinkedHashMap<>();
    for (TrackerPlan.Entry e : entries) {
      if (e.issue() != null || !e.steps().isEmpty()) {
        tracked.put(e.problem().fingerprint(), e);
      }
    }
    Map<String, Set<String>> named = new HashMap<>();
    tracked.forEach((fingerprint, e) -> named.put(fingerprint, namedIn(e, threads)));
    List<TrackerPlan.CrossLink> links = new ArrayList<>();
    Map<String, List<String>> byKey = new TreeMap<>();
    tracked.forEach(
        (fingerprint, e) ->
            e.problem()
                .relationKeys()
                .forEach(k -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(fingerprint)));
    Map<String, Set<String>> reasons = new LinkedHashMap<>();
    byKey.forEach(
        (key, sharing) -> {
          if (sharing.size() < 2 || sharing.size() > MAX_SHARING_PROBLEMS) {
            return;
          }
          for (int i = 0; i < sharing.size(); i++) {
            for (int j = i + 1; j < sharing.size(); j++) {
              reasons
                  .computeIfAbsent(sharing.get(i) + " " + sharing.get(j), x -> new TreeSet<>())
                  .add(describe(key));
            }
          }
        });
    List<String> order = new ArrayList<>(tracked.keySet());
    reasons.forEach(
        (pair, why) -> {
          String[] both = pair.split(" ");
          String first = order.indexOf(both[0]) < order.indexOf(both[1]) ? both[0] : both[1];
          String second = first.equals(both[0]) ? both[1] : both[0];
          if (named.get(first).contains(second) || named.get(second).contains(first)) {
            return;
          }
          TrackerPlan.Entry to = tracked.get(second);
          links.add(
              new TrackerPlan.CrossLink(
                  tracked.get(first).problem(),
                  second,
                  to.problem(),
                  to.steps().isEmpty() || !(to.steps().get(0) instanceof TrackerPlan.Create)
                      ? to.issue()
                      : null,
                  String.join("; ", why)));
        });
    tracked.forEach(
        (fingerprint, e) -> {
          for (String member : e.problem().members()) {
            Optional<RemoteIssue> other =
                chosen(issuesByFingerprint.getOrDefault(member, List.of()));
            if (other.isEmpty()
                || (e.issue() != null && other.get().number() == e.issue().number())
                || named.get(fingerprint).contains(member)
                || tracked.containsKey(member)) {
              continue;
            }
            links.add(
                new TrackerPlan.CrossLink(
                    e.problem(),
                    member,
                    null,
                    other.get(),
                    "now grouped in this problem ("
                        + (e.problem().groupedBy().isEmpty()
                            ? "same category"
                            : String.join("; ", e.problem().groupedBy()))
                        + ")"));
          }
        });
    return links;
  }

  private static Set<String> namedIn(TrackerPlan.Entry e, Map<Long, List<String>> threads) {
    Set<String> named = new TreeSet<>();
    if (e.issue() != null) {
      threads
          .getOrDefault(e.issue().number(), List.of())
          .forEach(t -> named.addAll(Markers.relatedIn(t)));
    }
    return named;
  }

  private static String describe(String key) {
    int colon = key.indexOf(':');
    String kind = colon < 0 ? key : key.substring(0, colon);
    String value = colon < 0 ? "" : key.substring(colon + 1);
    return switch (kind) {
      case "trace" -> "same trace";
      case "token" -> "same error code " + value;
      default -> "same " + kind;
    };
  }
}
