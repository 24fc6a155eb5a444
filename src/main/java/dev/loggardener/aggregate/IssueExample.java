package dev.loggardener.aggregate;

import java.io.Serializable;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One redacted example message of an issue, with what locates the original entry.
 *
 * @param message the redacted message
 * @param timestamp the entry's event time
 * @param insertId the entry's insert id, or null
 * @param trace the bare trace id, or null
 */
public record IssueExample(String message, Instant timestamp, String insertId, String trace)
    implements Serializable {

  /** Earliest first; ties broken by every field so that the order is total and deterministic. */
  public static final Comparator<IssueExample> ORDER =
      Comparator.comparing(IssueExample::timestamp)
          .thenComparing(IssueExample::message)
          .thenComparing(IssueExample::insertId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(IssueExample::trace, Comparator.nullsFirst(Comparator.naturalOrder()));

  public IssueExample {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
