package dev.loggardener.tracker;

import java.util.List;
import java.util.Objects;

/**
 * An issue as the tracker returned it.
 *
 * @param body the issue body, empty when it has none
 * @param labels the names of its labels
 */
public record RemoteIssue(
    long number, String url, boolean open, String title, String body, List<String> labels) {
  public RemoteIssue {
    Objects.requireNonNull(url, "url");
    title = title == null ? "" : title;
    body = body == null ? "" : body;
    labels = List.copyOf(labels);
    if (number < 1) {
      throw new IllegalArgumentException("issue number must be positive, got " + number);
    }
  }

  /** {@code #123}, as GitHub references an issue of the same repository. */
  public String reference() {
    return "#" + number;
  }
}
