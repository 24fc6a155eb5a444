package dev.loggardener.aggregate;

import java.time.Instant;
import java.time.LocalDate;
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
  private static final long SECONDS_PER_DAY = 86_400;
  private static final long FIRST_SECOND = LocalDate.of(1, 1, 1).toEpochDay() * SECONDS_PER_DAY;
  private static final long END_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * SECONDS_PER_DAY;
  private static final int[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

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
    boolean byInsertId = insertId != null && !insertId.isEmpty();
    StringBuilder identity = new StringBuilder(128);
    identity.append(logName == null ? "" : logName).append(SEPARATOR);
    appendInstant(timestamp, identity);
    return identity
        .append(SEPARATOR)
        .append(byInsertId ? "i:" : "m:")
        .append(byInsertId ? insertId : messageId)
        .toString();
  }

  /**
   * Appends {@link Instant#toString} of the time: written out here for years 1 to 9999, the range a
   * parsed entry's timestamp keeps to, since the formatter costs a good part of a microsecond.
   */
  static void appendInstant(Instant time, StringBuilder out) {
    long seconds = time.getEpochSecond();
    if (seconds < FIRST_SECOND || seconds >= END_SECOND) {
      out.append(time);
      return;
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
    int second = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    appendDigits(date.getYear(), 4, out);
    appendDigits(date.getMonthValue(), 2, out.append('-'));
    appendDigits(date.getDayOfMonth(), 2, out.append('-'));
    appendDigits(second / 3600, 2, out.append('T'));
    appendDigits(second / 60 % 60, 2, out.append(':'));
    appendDigits(second % 60, 2, out.append(':'));
    int nanos = time.getNano();
    if (nanos > 0) {
      out.append('.');
      if (nanos % 1_000_000 == 0) {
        appendDigits(nanos / 1_000_000, 3, out);
      } else if (nanos % 1_000 == 0) {
        appendDigits(nanos / 1_000, 6, out);
      } else {
        appendDigits(nanos, 9, out);
      }
    }
    out.append('Z');
  }

  private static void appendDigits(int value, int width, StringBuilder out) {
    for (int divisor = POWERS_OF_TEN[width - 1]; divisor > 0; divisor /= 10) {
      out.append((char) ('0' + value / divisor % 10));
    }
  }
}
