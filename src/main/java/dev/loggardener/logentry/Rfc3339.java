package dev.loggardener.logentry;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads RFC 3339 timestamps as Cloud Logging writes them: 0 to 9 fractional-second digits, {@code
 * Z} or a numeric offset, {@code T} or {@code t} or a space between date and time.
 *
 * <p>A leap second ({@code :60}) is read as the first instant of the next minute, as {@link
 * Instant} cannot represent it.
 */
final class Rfc3339 {
  private static final Pattern FORMAT =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})[Tt ](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?"
              + "(?:([Zz])|([+-])(\\d{2}):(\\d{2}))");

  private Rfc3339() {}

  static Optional<Instant> parse(String text) {
    if (text == null || text.length() > 40) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      int second = Integer.parseInt(m.group(6));
      boolean leap = second == 60;
      String fraction = m.group(7) == null ? "" : m.group(7);
      int nanos =
          fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
      ZoneOffset offset =
          m.group(8) != null
              ? ZoneOffset.UTC
              : ZoneOffset.ofHoursMinutes(
                  sign(m.group(9)) * Integer.parseInt(m.group(10)),
                  sign(m.group(9)) * Integer.parseInt(m.group(11)));
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              leap ? 59 : second,
              nanos);
      Instant instant = local.toInstant(offset);
      return Optional.of(leap ? instant.plusSeconds(1) : instant);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static int sign(String sign) {
    return sign.equals("-") ? -1 : 1;
  }
}
