package dev.loggardener.worklog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The report model: everything a renderer prints, already ordered and computed. Renderers are pure
 * functions of this record.
 *
 * @param projects the projects of the period's entries, most entries first
 * @param categories problems first, most urgent first, then routine activity, most entries first;
 *     the first {@code maxDetailed} problems get a full section
 * @param resolved fingerprints seen in the previous period and not in this one, most frequent first
 * @param baseline whether the store holds data from before the period; without it no trend is known
 *     and nothing is new
 * @param maxRoutine routine categories listed in the routine-activity table
 */
public record Worklog(
    List<ProjectEntries> projects,
    Instant generatedAt,
    Period period,
    String source,
    String rulesVersion,
    List<String> services,
    long totalEntries,
    int maxDetailed,
    int maxListed,
    List<Category> categories,
    List<Resolved> resolved,
    boolean baseline,
    int maxRoutine) {

  /**
   * How many of the period's entries came from one project.
   *
   * @param projectId the project, or null for entries of no project (organization, folder or
   *     billing-account logs, and rows stored before the project was recorded)
   */
  public record ProjectEntries(String projectId, long entries) {}

  /** A fingerprint that stopped: present in the previous period, absent from this one. */
  public record Resolved(
      String fingerprint,
      String template,
      String service,
      String maxSeverity,
      long previousTotal) {}

  public Worklog {
    projects = List.copyOf(projects);
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(source, "source");
    services = List.copyOf(services);
    categories = List.copyOf(categories);
    resolved = List.copyOf(resolved);
    if (maxDetailed < 0 || maxListed < 0 || maxRoutine < 0) {
      throw new IllegalArgumentException(
          "maxDetailed, maxListed and maxRoutine must not be negative");
    }
  }

  /** The problems, most urgent first. */
  public List<Category> problems() {
    return categories.stream().filter(Category::problem).toList();
  }

  /** Routine activity, most entries first. */
  public List<Category> routine() {
    return categories.stream().filter(c -> !c.problem()).toList();
  }

  /** Problems with a full section. */
  public List<Category> detailed() {
    List<Category> problems = problems();
    return problems.subList(0, Math.min(maxDetailed, problems.size()));
  }

  /** Problems shown as one-line rows (at most {@code maxListed}). */
  public List<Category> listed() {
    List<Category> problems = problems();
    int from = Math.min(maxDetailed, problems.size());
    return problems.subList(from, Math.min(problems.size(), from + maxListed));
  }

  /** Problems neither detailed nor listed; counted in the totals only. */
  public int unlisted() {
    return problems().size() - detailed().size() - listed().size();
  }

  /** Routine activity in the routine-activity table, most entries first. */
  public List<Category> routineListed() {
    List<Category> routine = routine();
    return routine.subList(0, Math.min(maxRoutine, routine.size()));
  }

  /** Problems at the given priority. */
  public long count(Priority priority) {
    return problems().stream().filter(c -> c.priority() == priority).count();
  }

  /** Problems at P0 or P1. */
  public long critical() {
    return count(Priority.P0) + count(Priority.P1);
  }

  /** This worklog with other categories, e.g. annotated with their tracker issues. */
  public Worklog withCategories(List<Category> value) {
    return new Worklog(
        projects,
        generatedAt,
        period,
        source,
        rulesVersion,
        services,
        totalEntries,
        maxDetailed,
        maxListed,
        value,
        resolved,
        baseline,
        maxRoutine);
  }
}
