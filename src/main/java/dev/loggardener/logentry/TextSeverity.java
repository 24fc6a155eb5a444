package dev.loggardener.logentry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the level a text line states in its own layout, for entries whose LogEntry carries none.
 *
 * <p>Recognised layouts, read from the first non-blank line: a leading level ({@code [ERROR] x},
 * {@code ERROR: x}, uvicorn's {@code INFO: x}, Python's {@code LEVEL:name:msg}); bracketed fields
 * after a bracketed timestamp (gunicorn's {@code [ts] [pid] [LEVEL]}, Apache's {@code [ts]
 * [module:level]}); a timestamp followed by the level, bare or bracketed, optionally after a
 * bracketed thread, a Python {@code - name -} field or a dash (logback/log4j {@code ts [thread]
 * LEVEL logger - msg} and {@code ts - LEVEL [thread] - msg}, Spring Boot {@code ts LEVEL pid ---
 * …}, Python {@code ts - name - LEVEL - msg}, nginx {@code ts [error] pid#tid: …}); Go glog/klog
 * ({@code E1206 10:00:00.000000 1 file.go:12] …}); Ruby's Logger as Rails uses it ({@code E, [ts
 * #pid] ERROR -- : …}); and logfmt's {@code level=} or {@code lvl=} field. Only the first line, and
 * of it only the first {@value #PREFIX_CHARS} characters, are read, so the work per entry is
 * bounded; a level word outside one of these positions ({@code Error rate is fine}) is not a level.
 * Stateless and thread-safe.
 */
final class TextSeverity {
  /** Characters of the first line that are read: room for a timestamp, a thread and a logger. */
  static final int PREFIX_CHARS = 200;

  private static final String ANY_CASE_LEVEL = "(?i:" + levelWords() + ")";
  private static final String UPPER_CASE_LEVEL = "(?:" + levelWords() + ")";
  private static final String TIMESTAMP =
      "(?:\\d{2}(?:\\d{2})?[-/]\\d{2}[-/]\\d{2}[T ])?\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?"
          + "(?:\\s?(?:Z|[+-]\\d{2}:?\\d{2}))?";

  private static final Pattern LEADING =
      Pattern.compile("\\s*(?:\\[([A-Za-z]{3,11})\\]|([A-Za-z]{3,11}):)");
  private static final Pattern BRACKETED =
      Pattern.compile(
          "\\[[^\\]\\d]{0,40}\\d[^\\]]{0,40}\\](?:\\s*\\[[^\\]]{1,40}\\]){0,2}?"
              + "\\s*\\[(?:[\\w.-]{1,32}:)?("
              + ANY_CASE_LEVEL
              + ")\\]");
  private static final Pattern AFTER_TIMESTAMP =
      Pattern.compile(
          TIMESTAMP
              + "(?:\\s+\\[[^\\]]{1,80}\\]|\\s+-\\s+\\S{1,80}\\s+-|\\s+-)?\\s+(?:\\[("
              + ANY_CASE_LEVEL
              + ")\\]|("
              + UPPER_CASE_LEVEL
              + "))(?=[\\s:]|$)");
  private static final Pattern GLOG =
      Pattern.compile(
          "([IWEF])(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01]) \\d{2}:\\d{2}:\\d{2}\\.\\d{6}"
              + "\\s+\\d+ [^\\s\\]]+:\\d+\\] ");
  private static final Pattern RUBY_LOGGER =
      Pattern.compile("[DIWEFA], \\[[^\\]]{1,64}\\]\\s+(" + UPPER_CASE_LEVEL + ") -- ");
  private static final Pattern LOGFMT =
      Pattern.compile("(?:.*?\\s)??(?:level|lvl)=(\"?)(" + ANY_CASE_LEVEL + ")\\1(?=\\s|$)");

  private TextSeverity() {}

  /**
   * The level the first non-blank line of {@code text} states, or empty when it states none.
   * Leading whitespace is skipped, up to {@value #PREFIX_CHARS} characters of it.
   */
  static Optional<Severity> of(String text) {
    int limit = Math.min(text.length(), PREFIX_CHARS);
    int start = 0;
    while (start < limit && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    limit = Math.min(text.length(), start + PREFIX_CHARS);
    int end = start;
    while (end < limit && text.charAt(end) != '\n') {
      end++;
    }
    if (end == start) {
      return Optional.empty();
    }
    char first = text.charAt(start);
    char second = end > start + 1 ? text.charAt(start + 1) : ' ';
    Optional<Severity> found = Optional.empty();
    if (first == '[' || Character.isLetter(first)) {
      found = level(group(LEADING, text, start, end));
    }
    if (found.isEmpty() && first == '[') {
      found = level(group(BRACKETED, text, start, end));
    } else if (found.isEmpty() && first >= '0' && first <= '9') {
      found = level(group(AFTER_TIMESTAMP, text, start, end));
    } else if (found.isEmpty() && second >= '0' && second <= '9') {
      found = glog(text, start, end);
    } else if (found.isEmpty() && second == ',') {
      found = level(group(RUBY_LOGGER, text, start, end));
    }
    if (found.isEmpty() && mentionsLevelField(text, start, end)) {
      found = level(group(LOGFMT, text, start, end));
    }
    return found;
  }

  /** The last non-null group of a match at the start of the bounded prefix, or null. */
  private static String group(Pattern pattern, String text, int start, int end) {
    Matcher m = pattern.matcher(text).region(start, end);
    if (!m.lookingAt()) {
      return null;
    }
    for (int g = m.groupCount(); g >= 1; g--) {
      if (m.group(g) != null && !m.group(g).isEmpty()) {
        return m.group(g);
      }
    }
    return null;
  }

  private static Optional<Severity> level(String word) {
    return word == null
        ? Optional.empty()
        : PayloadReader.severityName(word).filter(s -> s != Severity.DEFAULT);
  }

  private static Optional<Severity> glog(String text, int start, int end) {
    String letter = group(GLOG, text, start, end);
    if (letter == null) {
      return Optional.empty();
    }
    return Optional.of(
        switch (letter.charAt(0)) {
          case 'I' -> Severity.INFO;
          case 'W' -> Severity.WARNING;
          case 'E' -> Severity.ERROR;
          default -> Severity.CRITICAL;
        });
  }

  private static boolean mentionsLevelField(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (text.startsWith("level=", i) || text.startsWith("lvl=", i)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every level name and alias, longest first so that an alternation prefers {@code WARNING} to
   * {@code WARN}.
   */
  private static String levelWords() {
    List<String> words = new ArrayList<>(PayloadReader.levelWords());
    words.remove(Severity.DEFAULT.name());
    words.sort(Comparator.comparingInt(String::length).reversed().thenComparing(w -> w));
    return words.stream().collect(Collectors.joining("|"));
  }
}
