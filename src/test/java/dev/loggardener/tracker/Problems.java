package dev.loggardener.tracker;

import dev.loggardener.worklog.Period;
import dev.loggardener.worklog.Priority;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Problems and periods for tracker tests. */
final class Problems {
  static final Period DAY_1 =
      new Period(Instant.parse("2025-09-11T00:00:00Z"), Instant.parse("2025-09-12T00:00:00Z"));
  static final Period DAY_2 =
      new Period(Instant.parse("2025-09-12T00:00:00Z"), Instant.parse("2025-09-13T00:00:00Z"));

  private Problems() {}

  static String fingerprint(char c) {
    return String.valueOf(c).repeat(64);
  }

  static Problem problem(char c, String title, Set<String> keys, List<String> members) {
    return new Problem(
        fingerprint(c),
        fingerprint(c).substring(0, 12),
        title,
        Priority.P0,
        List.of("P0", "service:backend"),
        "**Error Message:** `" + title + "`\n",
        "- **Occurrences:** 3 in this period\n",
        keys,
        members,
        List.of("same trace"));
  }

  static Problem problem(char c, String title) {
    return problem(c, title, Set.of(), List.of());
  }
}
