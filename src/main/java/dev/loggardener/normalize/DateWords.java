package dev.loggardener.normalize;

import java.util.Set;

/** English month and weekday names, which are part of a date when a number or time follows. */
final class DateWords {
  private static final Set<String> WORDS =
      Set.of(
          "jan",
          "feb",
          "mar",
          "apr",
          "may",
          "jun",
          "jul",
          "aug",
          "sep",
          "sept",
          "oct",
          "nov",
          "dec",
          "january",
          "february",
          "march",
          "april",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "mon",
          "tue",
          "wed",
          "thu",
          "fri",
          "sat",
          "sun",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday");

  private DateWords() {}

  /** Whether {@code s[from, to)} is a capitalised or upper-case month or weekday name. */
  static boolean isDateWord(String s, int from, int to) {
    int len = to - from;
    if (len < 3 || len > 9 || !Character.isUpperCase(s.charAt(from))) {
      return false;
    }
    return WORDS.contains(s.substring(from, to).toLowerCase(java.util.Locale.ROOT));
  }
}
