package dev.loggardener.worklog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Builds the {@link Worklog} model from a period's rows, the previous period's rows and the
 * first-seen catalog: summarizes fingerprints, groups them into categories, assigns priorities and
 * orders everything. Pure and deterministic.
 *
 * <p>Priority: CRITICAL and above start at P0, ERROR at P1, WARNING at P2, INFO and NOTICE at P3,
 * the rest at P4. A WARNING-or-worse category that is new, back after a quiet spell, rising, or
 * above the high-volume threshold is raised one step; without a baseline (nothing stored before the
 * period) nothing is new, back or rising. A matching rule then applies: an expected rule sets P4;
 * otherwise its floor and ceiling clamp the result.
 *
 * <p>A category is a problem when it is WARNING or worse, a rule matches it, or it is anomalous: an
 * INFO or DEBUG template new against a baseline, or rising sharply ({@link Trend#sharpRise}).
 * Everything else is routine activity.
 */
public final class WorklogBuilder {
  private static final Comparator<FingerprintSummary> MOST_SEVERE_FIRST =
      Comparator.comparingLong(FingerprintSummary::maxSeverityNumber)
          .reversed()
          .thenComparing(Comparator.comparingLong(FingerprintSummary::total).reversed())
          .thenComparing(FingerprintSummary::fingerprint);
  private static final int TITLE_LENGTH = 80;
  private static final long WARNING = 400;

  private final WorklogSettings settings;

  public WorklogBuilder(WorklogSettings settings) {
    this.settings = settings;
  }

  /**
   * The worklog of {@code current} (rows of {@code period}) against {@code previous}.
   *
   * @param earliestStored start of the earliest window in the store, or null when it is empty: the
   *     worklog has a baseline only when this lies before the period
   */
  public Worklog build(
      Period period,
      List<IssueWindow> current,
      List<IssueWindow> previous,
      Map<String, Instant> firstSeen,
      Instant earliestStored,
      String source,
      Instant generatedAt) {
    boolean baseline = earliestStored != null && earliestStored.isBefore(period.from());
    List<FingerprintSummary> summaries = FingerprintSummarizer.summarize(current, period);
    Map<String, Long> previousTotals = FingerprintSummarizer.totals(previous);
    RevisionAnalyzer revisions =
        new RevisionAnalyzer(current, previous, period, settings.revisionLookBack());
    RouteFailures routes = new RouteFailures(summaries);
    List<Category> problems = new ArrayList<>();
    List<Category> routine = new ArrayList<>();
    for (Categorizer.Group group : Categorizer.group(summaries, settings.rules())) {
      Category c = category(group, period, previousTotals, firstSeen, baseline, revisions, routes);
      (c.problem() ? problems : routine).add(c);
    }
    problems.sort(
        Comparator.comparing(Category::priority)
            .thenComparing(c -> -c.primary().maxSeverityNumber())
            .thenComparing(c -> -c.total())
            .thenComparing(Category::id));
    routine.sort(Comparator.comparing((Category c) -> -c.total()).thenComparing(Category::id));
    List<Category> categories = new ArrayList<>();
    for (Category c : problems) {
      categories.add(c.numbered(categories.size() + 1));
    }
    for (Category c : routine) {
      categories.add(c.numbered(categories.size() + 1));
    }
    TreeSet<String> services = new TreeSet<>();
    summaries.forEach(s -> services.addAll(s.services()));
    return new Worklog(
        projects(summaries),
        generatedAt,
        period,
        source,
        settings.rules().version(),
        List.copyOf(services),
        summaries.stream().mapToLong(FingerprintSummary::total).sum(),
        settings.maxDetailed(),
        settings.maxListed(),
        categories,
        resolved(summaries, previous, period.previous()),
        baseline,
        settings.maxRoutine());
  }

  /** Entries per project, most first; ties in project order, no project last. */
  private static List<Worklog.ProjectEntries> projects(List<FingerprintSummary> summaries) {
    Map<String, Long> entries = new HashMap<>();
    summaries.forEach(s -> entries.merge(s.projectId(), s.total(), Long::sum));
    return entries.entrySet().stream()
        .map(e -> new Worklog.ProjectEntries(e.getKey(), e.getValue()))
        .sorted(
            Comparator.comparingLong(Worklog.ProjectEntries::entries)
                .reversed()
                .thenComparing(
                    Worklog.ProjectEntries::projectId,
                    Comparator.nullsLast(Comparator.naturalOrder())))
        .toList();
  }

  private Category category(
      Categorizer.Group group,
      Period period,
      Map<String, Long> previousTotals,
      Map<String, Instant> firstSeen,
      boolean baseline,
      RevisionAnalyzer revisionAnalyzer,
      RouteFailures routes) {
    List<FingerprintSummary> members = group.members().stream().sorted(MOST_SEVERE_FIRST).toList();
    FingerprintSummary primary = members.get(0);
    long total = members.stream().mapToLong(FingerprintSummary::total).sum();
    long previousTotal =
        members.stream().mapToLong(m -> previousTotals.getOrDefault(m.fingerprint(), 0L)).sum();
    boolean seenBefore =
        members.stream()
            .map(m -> firstSeen.get(m.fingerprint()))
            .anyMatch(t -> t != null && t.isBefore(period.from()));
    Trend trend = Trend.of(total, previousTotal, seenBefore, baseline);
    long[] hourly = new long[period.hourBuckets()];
    for (FingerprintSummary member : members) {
      for (int h = 0; h < hourly.length; h++) {
        hourly[h] += member.hourly().get(h);
      }
    }
    Optional<WorklogRule> rule =
        members.stream()
            .flatMap(m -> settings.rules().firstMatch(m).stream())
            .min(Comparator.comparingInt(settings.rules().rules()::indexOf));
    List<String> reasons = new ArrayList<>();
    Priority priority = priority(primary, total, trend, rule, reasons);
    Optional<String> ruleTitle = rule.map(WorklogRule::title);
    String title = ruleTitle.orElse(abbreviate(primary.template()));
    LinkedHashMap<String, Long> severities = new LinkedHashMap<>();
    members.forEach(m -> severities.putIfAbsent(m.maxSeverity(), m.maxSeverityNumber()));
    TreeSet<String> services = new TreeSet<>();
    TreeSet<String> loggers = new TreeSet<>();
    for (FingerprintSummary member : members) {
      services.addAll(member.services());
      if (member.logger() != null) {
        loggers.add(member.logger());
      }
    }
    List<Long> histogram = new ArrayList<>();
    for (long count : hourly) {
      histogram.add(count);
    }
    List<String> problemReasons = problemReasons(primary, total, previousTotal, trend, rule);
    boolean problem = !problemReasons.isEmpty();
    RevisionEvidence revisions =
        problem ? revisionAnalyzer.evidence(members, total) : RevisionEvidence.NONE;
    RouteFailure routeFailure = problem ? routes.of(primary).orElse(null) : null;
    long traces = members.stream().flatMap(m -> m.traceIds().stream()).distinct().count();
    String impact =
        rule.map(WorklogRule::impact)
            .orElseGet(
                () -> defaultImpact(total, primary, services, traces, revisions, routeFailure));
    return new Category(
        0,
        primary.fingerprint().substring(0, Math.min(12, primary.fingerprint().length())),
        title,
        priority,
        reasons,
        List.copyOf(severities.keySet()),
        total,
        previousTotal,
        trend,
        Trend.changePercent(total, previousTotal),
        histogram,
        List.copyOf(services),
        List.copyOf(loggers),
        primary,
        members.subList(1, members.size()),
        group.links(),
        impact,
        rule.map(WorklogRule::expected).orElse(false),
        rule.map(WorklogRule::id).orElse(null),
        rule.map(WorklogRule::tracker).orElse(null),
        problem,
        problemReasons,
        ruleTitle.isEmpty(),
        revisions,
        routeFailure);
  }

  /** Why the category is a problem; empty when it is routine activity. */
  private static List<String> problemReasons(
      FingerprintSummary primary,
      long total,
      long previousTotal,
      Trend trend,
      Optional<WorklogRule> rule) {
    List<String> reasons = new ArrayList<>();
    if (primary.maxSeverityNumber() >= WARNING) {
      reasons.add("severity " + primary.maxSeverity());
    }
    rule.ifPresent(r -> reasons.add("rule " + r.id()));
    if (trend == Trend.NEW) {
      reasons.add("new against the baseline");
    } else if (Trend.sharpRise(total, previousTotal)) {
      reasons.add("rising sharply: " + total + " against " + previousTotal);
    }
    return reasons;
  }

  private Priority priority(
      FingerprintSummary primary,
      long total,
      Trend trend,
      Optional<WorklogRule> rule,
      List<String> reasons) {
    long severity = primary.maxSeverityNumber();
    Priority priority =
        severity >= 600
            ? Priority.P0
            : severity >= 500
                ? Priority.P1
                : severity >= 400 ? Priority.P2 : severity >= 200 ? Priority.P3 : Priority.P4;
    reasons.add("severity " + primary.maxSeverity() + ": " + priority);
    if (severity >= 400 && priority != Priority.P0) {
      if (trend == Trend.NEW || trend == Trend.RETURNING || trend == Trend.RISING) {
        priority = priority.raised();
        reasons.add(trend.words() + ": raised to " + priority);
      } else if (total >= settings.highVolume()) {
        priority = priority.raised();
        reasons.add(
            total + " entries (at least " + settings.highVolume() + "): raised to " + priority);
      }
    }
    if (rule.isPresent()) {
      WorklogRule r = rule.get();
      if (r.expected()) {
        priority = Priority.P4;
        reasons.add("rule " + r.id() + ": expected behaviour, no action: " + priority);
      } else {
        if (r.atLeast() != null && r.atLeast().moreUrgentThan(priority)) {
          priority = r.atLeast();
          reasons.add("rule " + r.id() + ": at least " + priority);
        }
        if (r.atMost() != null && priority.moreUrgentThan(r.atMost())) {
          priority = r.atMost();
          reasons.add("rule " + r.id() + ": at most " + priority);
        }
      }
    }
    return priority;
  }

  /**
   * The facts a reader checks next, instead of the count the section already gives: the failure
   * share of the route, how many traces (requests) it touched, and which revisions.
   */
  private static String defaultImpact(
      long total,
      FingerprintSummary primary,
      TreeSet<String> services,
      long traces,
      RevisionEvidence revisions,
      RouteFailure route) {
    List<String> facts = new ArrayList<>();
    if (route != null) {
      facts.add(route.summary());
    }
    if (traces > 0) {
      facts.add(traces + (traces == 1 ? " trace" : " distinct traces"));
    }
    if (revisions.suspect() != null) {
      facts.add("only in revision " + revisions.suspect().revision());
    } else if (!revisions.revisions().isEmpty()) {
      int n = revisions.revisions().size();
      facts.add(
          n == 1
              ? "all in revision " + revisions.revisions().get(0)
              : "spread over " + n + " revisions");
    }
    if (facts.isEmpty()) {
      facts.add(total + " " + primary.maxSeverity() + (total == 1 ? " entry" : " entries"));
    }
    return String.join(", ", services) + ": " + String.join("; ", facts);
  }

  private static String abbreviate(String template) {
    String line = template.strip().replaceAll("\\s+", " ");
    int end =
        line.offsetByCodePoints(0, Math.min(TITLE_LENGTH, line.codePointCount(0, line.length())));
    return end < line.length() ? line.substring(0, end) + "…" : line;
  }

  private static List<Worklog.Resolved> resolved(
      List<FingerprintSummary> current, List<IssueWindow> previous, Period previousPeriod) {
    TreeSet<String> now = new TreeSet<>();
    current.forEach(s -> now.add(s.fingerprint()));
    return FingerprintSummarizer.summarize(previous, previousPeriod).stream()
        .filter(s -> !now.contains(s.fingerprint()))
        .sorted(
            Comparator.comparingLong(FingerprintSummary::maxSeverityNumber)
                .reversed()
                .thenComparing(Comparator.comparingLong(FingerprintSummary::total).reversed())
                .thenComparing(FingerprintSummary::fingerprint))
        .map(
            s ->
                new Worklog.Resolved(
                    s.fingerprint(), s.template(), s.service(), s.maxSeverity(), s.total()))
        .toList();
  }
}
