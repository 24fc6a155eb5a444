package dev.loggardener.aggregate;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one issue is: its fingerprint and the fields the fingerprint stands for. Every stage, coder,
 * row mapper and SQL column list takes these fields from this record, so that a field added here
 * reaches all of them.
 *
 * @param fingerprint the fine fingerprint id (64 hex characters), computed from project, resource
 *     type, service, logger and template
 * @param projectId the Google Cloud project the entries came from, or null for entries of an
 *     organization, folder or billing account (and for rows stored before the column existed)
 * @param resourceType the monitored resource type
 * @param service the service name; may be empty
 * @param logger the logger name, or null
 * @param exceptionType the innermost exception type, or null
 * @param template the normalized, redacted template
 * @param ruleSetVersion the version of the rules that made the fingerprint
 */
public record IssueIdentity(
    String fingerprint,
    String projectId,
    String resourceType,
    String service,
    String logger,
    String exceptionType,
    String template,
    String ruleSetVersion)
    implements Serializable {

  /** The {@code issue_windows} columns that hold an identity. */
  public static final List<String> COLUMNS =
      List.of(
          "fingerprint",
          "project_id",
          "resource_type",
          "service",
          "logger",
          "exception_type",
          "template",
          "rule_set_version");

  /**
   * Total order used to merge partial aggregates: the smallest identity wins, whatever the order in
   * which partials meet. A present logger or exception type sorts before an absent one, so a merge
   * keeps what any entry knew.
   */
  public static final Comparator<IssueIdentity> ORDER =
      Comparator.comparing(IssueIdentity::fingerprint)
          .thenComparing(IssueIdentity::projectId, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(IssueIdentity::resourceType)
          .thenComparing(IssueIdentity::service)
          .thenComparing(IssueIdentity::logger, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(
              IssueIdentity::exceptionType, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(IssueIdentity::template)
          .thenComparing(IssueIdentity::ruleSetVersion);

  private static final char SEPARATOR = '\u001f';

  public IssueIdentity {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
    if (projectId != null && projectId.isEmpty()) {
      throw new IllegalArgumentException("projectId must be null or non-empty");
    }
  }

  /**
   * The grouping key: fingerprint, project, resource type and service, separated by a character
   * that none of them contains, so that one row never mixes projects or services even if the rules
   * ignore identity.
   */
  public String groupKey() {
    return fingerprint
        + SEPARATOR
        + (projectId == null ? "" : projectId)
        + SEPARATOR
        + resourceType
        + SEPARATOR
        + service;
  }

  /** The smaller of the two in {@link #ORDER}. */
  public IssueIdentity min(IssueIdentity other) {
    return ORDER.compare(other, this) < 0 ? other : this;
  }

  /** Puts the identity's columns into a row; absent values are left out. */
  public void putColumns(Map<String, Object> row) {
    row.put("fingerprint", fingerprint);
    putIfPresent(row, "project_id", projectId);
    row.put("resource_type", resourceType);
    row.put("service", service);
    putIfPresent(row, "logger", logger);
    putIfPresent(row, "exception_type", exceptionType);
    row.put("template", template);
    row.put("rule_set_version", ruleSetVersion);
  }

  /**
   * Reads the identity from a row keyed by column name, as {@link #putColumns} writes it and the
   * stores return it. An empty {@code project_id} reads as absent.
   *
   * @throws IllegalArgumentException naming the column, when a required one is missing
   */
  public static IssueIdentity fromColumns(Map<String, ?> row) {
    String projectId = (String) row.get("project_id");
    return new IssueIdentity(
        required(row, "fingerprint"),
        projectId == null || projectId.isEmpty() ? null : projectId,
        required(row, "resource_type"),
        required(row, "service"),
        (String) row.get("logger"),
        (String) row.get("exception_type"),
        required(row, "template"),
        required(row, "rule_set_version"));
  }

  private static String required(Map<String, ?> row, String column) {
    Object value = row.get(column);
    if (value == null) {
      throw new IllegalArgumentException("issue_windows row has no " + column);
    }
    return (String) value;
  }

  private static void putIfPresent(Map<String, Object> row, String column, String value) {
    if (value != null) {
      row.put(column, value);
    }
  }
}
