package dev.loggardener.aggregate;

import java.time.Instant;
import java.util.Objects;

/**
 * The identity of a log entry, used to recognise a redelivered or duplicated copy.
 *
 * <p>Cloud Logging identifies an entry by log name, timestamp and insert id; when the insert id is
 * missing the Pub/Sub message id (or, for files, the file and position) stands in for it, which
 * still catches Pub/Sub redeliveries. Because the timestamp is part of the identity, all copies of
 * an entry fall into the same event-time window.
 */
public final class EntryIdentity {
  private static final char SEPARATOR = '\u001f';

  private EntryIdentity() {}

  /**
   * The identity string of an entry.
   *
   * @param logName the log name, or null
   * @param timestamp the entry's event time
   * @param insertId the insert id, or null
   * @param messageId the transport's message id; may be null only when insertId is present
   */
  public static String of(String logName, Instant timestamp, String insertId, String messageId) {
    Objects.requireNonNull(timestamp, "timestamp");
    if ((insertId == null || insertId.isEmpty()) && messageId == null) {
      throw new IllegalArgumentException("an entry without insertId needs a message id");
    }
    String id = insertId != null && !insertId.isEmpty() ? "i:" + insertId : "m:" + messageId;
    return (logName == null ? "" : logName) + SEPARATOR + timestamp + SEPARATOR + id;
  }
}
