package dev.loggardener.logentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link Rfc3339} accepts and reads exactly what the regular expression it replaced did. */
class Rfc3339Test {
  private static final Pattern FORMAT =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})[Tt ](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?"
              + "(?:([Zz])|([+-])(\\d{2}):(\\d{2}))");
  private static final String[] BASES = {
    "2025-09-11T00:00:03.529851685Z",
    "2025-09-11T00:00:03Z",
    "2024-02-29 23:59:60.5+05:30",
    "0001-01-01t00:00:00z",
    "9999-12-31T23:59:59.999999999-18:00",
    " 2026-11-28T10:00:00.123+00:00 ",
  };
  private static final String[] INSERTS = {
    "0", "9", "-", ":", ".", "T", "t", " ", "Z", "z", "+", "\t", "٣", "1234567890", ""
  };

  @Test
  void readsExactlyWhatTheRegularExpressionRead() {
    SplittableRandom random = new SplittableRandom(20261206L);
    List<String> texts = new ArrayList<>(List.of(BASES));
    for (int i = 0; i < 300_000; i++) {
      StringBuilder text = new StringBuilder(BASES[random.nextInt(BASES.length)]);
      for (int m = random.nextInt(4); m >= 0; m--) {
        int at = random.nextInt(text.length() + 1);
        int cut = Math.min(text.length() - at, random.nextInt(3));
        text.replace(at, at + cut, INSERTS[random.nextInt(INSERTS.length)]);
      }
      texts.add(text.toString());
    }
    int accepted = 0;
    for (String text : texts) {
      Optional<Instant> expected = byRegex(text);
      assertThat(Rfc3339.parse(text)).as(text).isEqualTo(expected);
      accepted += expected.isPresent() ? 1 : 0;
    }
    // Both outcomes must be common, or the comparison proves little.
    assertThat(accepted).isBetween(texts.size() / 100, texts.size() - texts.size() / 100);
  }

  private static Optional<Instant> byRegex(String text) {
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
      int sign = "-".equals(m.group(9)) ? -1 : 1;
      ZoneOffset offset =
          m.group(8) != null
              ? ZoneOffset.UTC
              : ZoneOffset.ofHoursMinutes(
                  sign * Integer.parseInt(m.group(10)), sign * Integer.parseInt(m.group(11)));
      Instant instant =
          LocalDateTime.of(
                  Integer.parseInt(m.group(1)),
                  Integer.parseInt(m.group(2)),
                  Integer.parseInt(m.group(3)),
                  Integer.parseInt(m.group(4)),
                  Integer.parseInt(m.group(5)),
                  leap ? 59 : second,
                  nanos)
              .toInstant(offset);
      return Optional.of(leap ? instant.plusSeconds(1) : instant);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
