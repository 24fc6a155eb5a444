package dev.loggardener.logentry;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Reads RFC 3339 timestamps as Cloud Logging writes them: 0 to 9 fractional-second digits, {@code
 * Z} or a numeric offset, {@code T} or {@code t} or a space between date and time.
 *
 * <p>A leap second ({@code :60}) is read as the first instant of the next minute, as {@link
 * Instant} cannot represent it.
 */
final class Rfc3339 {
  private Rfc3339() {}

  /**
   * The instant, or empty when the text (at most 40 characters, surrounding whitespace ignored) is
   * not {@code yyyy-MM-dd[Tt ]HH:mm:ss[.f{1,9}]} followed by {@code Z}, {@code z} or {@code
   * ±HH:mm}, or names no valid date and time. Read character by character: this runs twice per
   * entry.
   */
  static Optional<Instant> parse(String text) {
    if (text == null || text.length() > 40) {
      return Optional.empty();
    }
    String t = text.trim();
    int n = t.length();
    if (n < 20
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || (t.charAt(10) != 'T' && t.charAt(10) != 't' && t.charAt(10) != ' ')
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return Optional.empty();
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return Optional.empty();
    }
    int at = 19;
    int nanos = 0;
    if (t.charAt(at) == '.') {
      int first = ++at;
      while (at < n && at - first < 9 && isDigit(t.charAt(at))) {
        nanos = nanos * 10 + (t.charAt(at++) - '0');
      }
      if (at == first) {
        return Optional.empty();
      }
      for (int scale = at - first; scale < 9; scale++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset;
    if (at == n - 1 && (t.charAt(at) == 'Z' || t.charAt(at) == 'z')) {
      offset = ZoneOffset.UTC;
    } else if (at == n - 6
        && (t.charAt(at) == '+' || t.charAt(at) == '-')
        && t.charAt(at + 3) == ':') {
      int hours = digits(t, at + 1, 2);
      int minutes = digits(t, at + 4, 2);
      if ((hours | minutes) < 0) {
        return Optional.empty();
      }
      int sign = t.charAt(at) == '-' ? -1 : 1;
      try {
        offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
      } catch (DateTimeException e) {
        return Optional.empty();
      }
    } else {
      return Optional.empty();
    }
    boolean leap = second == 60;
    try {
      Instant instant =
          LocalDateTime.of(year, month, day, hour, minute, leap ? 59 : second, nanos)
              .toInstant(offset);
      return Optional.of(leap ? instant.plusSeconds(1) : instant);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** The number the {@code count} ASCII digits from {@code start} spell, or -1. */
  private static int digits(String text, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
