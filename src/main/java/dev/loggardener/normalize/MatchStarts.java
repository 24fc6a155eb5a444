package dev.loggardener.normalize;

import java.util.regex.Pattern;

/**
 * The ASCII characters that every match of a regex must start with, when the regex's text shows
 * them plainly, so that a search can skip every other position instead of trying the regex there.
 *
 * <p>Only a conservative subset is read: no flags, leading lookarounds and {@code \b}, then one
 * literal letter or digit, {@code \d}, or a class of literal ASCII characters and ranges, which
 * must not be optional; no {@code |} outside parentheses, no inline flags, no {@code \Q}, no {@code
 * \G}. Anything else gives no answer ({@code null}), and the regex is searched for as usual.
 */
final class MatchStarts {
  private MatchStarts() {}

  /** Which of the 128 ASCII characters may start a match, or null when this cannot be told. */
  static boolean[] of(Pattern pattern) {
    String re = pattern.pattern();
    if (pattern.flags() != 0
        || re.contains("\\Q")
        || re.contains("\\G")
        || hasInlineFlags(re)
        || hasTopLevelAlternation(re)) {
      return null;
    }
    int at = 0;
    while (true) {
      if (re.startsWith("(?=", at)
          || re.startsWith("(?!", at)
          || re.startsWith("(?<=", at)
          || re.startsWith("(?<!", at)) {
        at = closingParen(re, at);
        if (at < 0) {
          return null;
        }
        at++;
      } else if (re.startsWith("\\b", at)) {
        at += 2;
      } else {
        break;
      }
    }
    boolean[] starts = new boolean[128];
    int next;
    if (re.startsWith("\\d", at)) {
      for (char c = '0'; c <= '9'; c++) {
        starts[c] = true;
      }
      next = at + 2;
    } else if (at < re.length() && re.charAt(at) == '[') {
      next = readClass(re, at + 1, starts);
    } else if (at < re.length() && re.charAt(at) < 128 && Character.isLetterOrDigit(re.charAt(at))) {
      starts[re.charAt(at)] = true;
      next = at + 1;
    } else {
      return null;
    }
    if (next < 0 || next < re.length() && isOptional(re, next)) {
      return null;
    }
    return starts;
  }

  /**
   * Marks the characters of the class whose body starts at {@code from} and returns the index after
   * its closing bracket, or -1 when the class is not plain literals and ranges.
   */
  private static int readClass(String re, int from, boolean[] starts) {
    int i = from;
    if (i < re.length() && re.charAt(i) == '^') {
      return -1;
    }
    while (i < re.length() && re.charAt(i) != ']') {
      char c = re.charAt(i);
      if (!isPlainClassChar(c) || i == from && c == '-') {
        return -1;
      }
      if (i + 2 < re.length() && re.charAt(i + 1) == '-' && re.charAt(i + 2) != ']') {
        char last = re.charAt(i + 2);
        if (!isPlainClassChar(last) || last < c) {
          return -1;
        }
        for (char k = c; k <= last; k++) {
          starts[k] = true;
        }
        i += 3;
      } else {
        starts[c] = true;
        i++;
      }
    }
    return i < re.length() && i > from ? i + 1 : -1;
  }

  /** ASCII letters, digits and a few punctuation characters that mean themselves in a class. */
  private static boolean isPlainClassChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || "._%+-".indexOf(c) >= 0);
  }

  private static boolean isOptional(String re, int at) {
    char q = re.charAt(at);
    return q == '?' || q == '*' || q == '{' && at + 1 < re.length() && !isNonZeroDigit(re, at + 1);
  }

  private static boolean isNonZeroDigit(String re, int at) {
    char c = re.charAt(at);
    return c >= '1' && c <= '9';
  }

  /** Index of the parenthesis that closes the group opening at {@code open}, or -1. */
  private static int closingParen(String re, int open) {
    int depth = 0;
    for (int i = open; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = classEnd(re, i);
        if (i < 0) {
          return -1;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the bracket that closes the class opening at {@code open}, or -1. */
  private static int classEnd(String re, int open) {
    int depth = 0;
    int i = open;
    while (i < re.length()) {
      char c = re.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '[') {
        depth++;
        // A ']' right after the opening bracket (or its '^') is a literal in Java.
        int body = i + 1 < re.length() && re.charAt(i + 1) == '^' ? i + 2 : i + 1;
        if (body < re.length() && re.charAt(body) == ']') {
          i = body;
        }
      } else if (c == ']' && --depth == 0) {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static boolean hasTopLevelAlternation(String re) {
    int depth = 0;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = classEnd(re, i);
        if (i < 0) {
          return true;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        return true;
      }
    }
    return false;
  }

  /** Groups that start with {@code (?} followed by anything but {@code :}, {@code =}, {@code !}. */
  private static boolean hasInlineFlags(String re) {
    for (int i = 0; i + 2 < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(' && re.charAt(i + 1) == '?') {
        char kind = re.charAt(i + 2);
        boolean lookbehind =
            kind == '<' && i + 3 < re.length() && "=!".indexOf(re.charAt(i + 3)) >= 0;
        if (kind != ':' && kind != '=' && kind != '!' && !lookbehind) {
          return true;
        }
      }
    }
    return false;
  }
}
