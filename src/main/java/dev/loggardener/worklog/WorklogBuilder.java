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
 * above the high-volume threshold is raised one step. A matching rule then applies: an expected
 * rule sets P4; otherwise its floor and ceiling clamp the result.
 */
public final class WorklogBuilder {
  private static final Comparator<FingerprintSummary> MOST_SEVERE_FIRST =
      Comparator.comparingLong(FingerprintSummary::maxSeverityNumber)
          .reversed()
          .thenComparing(Comparator.comparingLong(FingerprintSummary::total).reversed())
          .thenComparing(FingerprintSummary::fingerprint);
  private static final int TITLE_LENGTH = 80;

  private final WorklogSettings settings;

  public WorklogBuilder(WorklogSettings settings) {
    this.settings = settings;
  }

  /** The worklog of {@code current} (rows of {@code period}) against {@code previous}. */
  public Worklog build(
      Period period,
      List<IssueWindow> current,
      List<IssueWindow> previous,
      Map<String, Instant> firstSeen,
      String source,
      Instant generatedAt) {
    List<FingerprintSummary> summaries = FingerprintSummarizer.summarize(current, period);
    Map<String, Long> previousTotals = FingerprintSummarizer.totals(previous);
    List<Category> unnumbered = new ArrayList<>();
    for (Categorizer.Group group : Categorizer.group(summaries, settings.rules())) {
      unnumbered.add(category(group, period, previousTotals, firstSeen));
    }
    unnumbered.sort(
        Comparator.comparing(Category::priority)
            .thenComparing(c -> -c.primary().maxSeverityNumber())
            .thenComparing(c -> -c.total())
            .thenComparing(Category::id));
    List<Category> categories = new ArrayList<>();
    for (int i = 0; i < unnumbered.size(); i++) {
      Category c = unnumbered.get(i);
      categories.add(
          new Category(
              i + 1,
              c.id(),
              c.title(),
              c.priority(),
              c.priorityReasons(),
              c.severities(),
              c.total(),
              c.previousTotal(),
              c.trend(),
              c.change(),
              c.hourly(),
              c.services(),
              c.loggers(),
              c.primary(),
              c.related(),
              c.links(),
              c.impact(),
              c.expected(),
              c.rule(),
              c.tracker()));
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
        resolved(summaries, previous, period.previous()));
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
      Map<String, Instant> firstSeen) {
    List<FingerprintSummary> members = group.members().stream().sorted(MOST_SEVERE_FIRST).toList();
    FingerprintSummary primary = members.get(0);
    long total = members.stream().mapToLong(FingerprintSummary::total).sum();
    long previousTotal =
        members.stream().mapToLong(m -> previousTotals.getOrDefault(m.fingerprint(), 0L)).sum();
    boolean seenBefore =
        members.stream()
            .map(m -> firstSeen.get(m.fingerprint()))
            .anyMatch(t -> t != null && t.isBefore(period.from()));
    Trend trend = Trend.of(total, previousTotal, seenBefore);
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
    String title = rule.map(WorklogRule::title).orElse(abbreviate(primary.template()));
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
    String impact =
        rule.map(WorklogRule::impact)
            .orElseGet(() -> defaultImpact(title, total, primary, services, trend));
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
        rule.map(WorklogRule::tracker).orElse(null));
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

  private static String defaultImpact(
      String title, long total, FingerprintSummary primary, TreeSet<String> services, Trend trend) {
    return title
        + ": "
        + total
        + " "
        + primary.maxSeverity()
        + (total == 1 ? " entry" : " entries")
        + " in "
        + String.join(", ", services)
        + " ("
        + trend.words()
        + ")";
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
