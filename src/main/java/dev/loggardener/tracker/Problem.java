package dev.loggardener.tracker;

import dev.loggardener.worklog.Priority;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One P0–P1 worklog category as the tracker sees it: its identity, the text to file and the keys
 * that relate it to other problems.
 *
 * @param fingerprint the category's primary fingerprint: the identity
 * @param categoryId the worklog's id of the category
 * @param labels labels for a new issue besides {@link TrackerSettings#label()}, e.g. priority and
 *     service
 * @param description the issue body for a new issue, without markers
 * @param evidence the evidence of the period for a comment, without markers
 * @param relationKeys keys two related problems share, e.g. {@code trace:ID} or {@code
 *     token:auth_service_unreachable}
 * @param members fingerprints of the category's other members, most severe first
 * @param groupedBy why the category's members were grouped, in words
 */
public record Problem(
    String fingerprint,
    String categoryId,
    String title,
    Priority priority,
    List<String> labels,
    String description,
    String evidence,
    Set<String> relationKeys,
    List<String> members,
    List<String> groupedBy) {
  public Problem {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(categoryId, "categoryId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(evidence, "evidence");
    labels = List.copyOf(labels);
    relationKeys = Set.copyOf(relationKeys);
    members = List.copyOf(members);
    groupedBy = List.copyOf(groupedBy);
  }
}
