package dev.loggardener.worklog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The report model: everything a renderer prints, already ordered and computed. Renderers are pure
 * functions of this record.
 *
 * @param projects the projects of the period's entries, most entries first
 * @param categories most urgent first; the first {@code maxDetailed} get a full section
 * @param resolved fingerprints seen in the previous period and not in this one, most frequent first
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
    List<Resolved> resolved) {

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
    if (maxDetailed < 0 || maxListed < 0) {
      throw new IllegalArgumentException("maxDetailed and maxListed must not be negative");
    }
  }

  /** Categories with a full section. */
  public List<Category> detailed() {
    return categories.subList(0, Math.min(maxDetailed, categories.size()));
  }

  /** Categories shown as one-line rows (at most {@code maxListed}). */
  public List<Category> listed() {
    int from = Math.min(maxDetailed, categories.size());
    return categories.subList(from, Math.min(categories.size(), from + maxListed));
  }

  /** Categories neither detailed nor listed; counted in the totals only. */
  public int unlisted() {
    return categories.size() - detailed().size() - listed().size();
  }

  public long count(Priority priority) {
    return categories.stream().filter(c -> c.priority() == priority).count();
  }

  /** Categories at P0 or P1. */
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
        resolved);
  }
}
